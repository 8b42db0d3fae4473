# %% stderr mask-times
import unittest


def slugify(title):
    return "-".join(title.lower().split())


class TestSlugify(unittest.TestCase):
    def test_spaces_become_dashes(self):
        self.assertEqual(slugify("Hello World"), "hello-world")

    def test_lowercase(self):
        self.assertTrue(slugify("ABC").islower())

    def test_empty(self):
        self.assertEqual(slugify(""), "")


unittest.main(exit=False)
# %% stderr mask-times
import unittest


class Stack:
    def __init__(self):
        self.items = []

    def push(self, item):
        self.items.append(item)

    def pop(self):
        if not self.items:
            raise IndexError("pop from empty stack")
        return self.items.pop()


class TestStack(unittest.TestCase):
    def setUp(self):
        self.stack = Stack()
        self.stack.push(1)
        self.stack.push(2)

    def test_pop_returns_last(self):
        self.assertEqual(self.stack.pop(), 2)

    def test_pop_until_empty(self):
        self.stack.pop()
        self.stack.pop()
        with self.assertRaises(IndexError) as cm:
            self.stack.pop()
        print("raised:", cm.exception)

    def test_pop_callable_form(self):
        empty = Stack()
        self.assertRaises(IndexError, empty.pop)

    def test_length_after_push(self):
        self.stack.push(3)
        self.assertEqual(len(self.stack.items), 3)


unittest.main(argv=["stack"], exit=False, verbosity=2, defaultTest="TestStack")
# %% stderr mask-times
import unittest


def is_prime(n):
    if n < 2:
        return False
    return all(n % d for d in range(2, int(n ** 0.5) + 1))


class TestPrimes(unittest.TestCase):
    def test_small_primes(self):
        for n in [2, 3, 5, 7, 11, 13]:
            with self.subTest(n=n):
                self.assertTrue(is_prime(n))

    def test_composites(self):
        for n in (4, 6, 8, 9):
            with self.subTest(number=n, kind="composite"):
                self.assertFalse(is_prime(n))


runner = unittest.TextTestRunner(verbosity=2)
result = runner.run(unittest.TestLoader().loadTestsFromTestCase(TestPrimes))
print(result.testsRun, result.wasSuccessful())
# %% stderr mask-times
import sys
import unittest


class TestPlatformStuff(unittest.TestCase):
    @unittest.skip("not ready yet")
    def test_unfinished(self):
        self.fail("should not run")

    @unittest.skipIf(sys.version_info >= (3, 0), "Python 2 only")
    def test_python2(self):
        pass

    @unittest.skipUnless(sys.platform.startswith("linux"), "needs Linux")
    def test_linux(self):
        self.assertIn("linux", sys.platform)

    def test_skip_inside(self):
        self.skipTest("decided at run time")

    def test_normal(self):
        self.assertEqual(2 + 2, 4)


unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(unittest.TestLoader().loadTestsFromTestCase(TestPlatformStuff))
# %% stderr mask-times
import unittest


@unittest.skip("whole class skipped")
class TestLater(unittest.TestCase):
    def test_one(self):
        pass

    def test_two(self):
        pass


class TestKnownBugs(unittest.TestCase):
    @unittest.expectedFailure
    def test_rounding_bug(self):
        self.assertEqual(round(2.675, 2), 2.68)

    @unittest.expectedFailure
    def test_fixed_already(self):
        self.assertEqual(1 + 1, 2)


suite = unittest.TestSuite()
suite.addTests(unittest.TestLoader().loadTestsFromTestCase(TestLater))
suite.addTests(unittest.TestLoader().loadTestsFromTestCase(TestKnownBugs))
result = unittest.TextTestRunner(verbosity=2).run(suite)
print("skipped:", len(result.skipped), "expected failures:", len(result.expectedFailures))
print("unexpected successes:", result.unexpectedSuccesses)
print("successful?", result.wasSuccessful())
# %% stderr mask-times
import unittest


class TestVerbosity(unittest.TestCase):
    def test_a(self):
        pass

    @unittest.skip("later")
    def test_b(self):
        pass

    @unittest.expectedFailure
    def test_c(self):
        raise ValueError("known")


cases = unittest.TestLoader().loadTestsFromTestCase(TestVerbosity)
unittest.TextTestRunner(verbosity=0).run(cases)
unittest.TextTestRunner(verbosity=1).run(unittest.TestLoader().loadTestsFromTestCase(TestVerbosity))
# %%
import unittest


class TestBroken(unittest.TestCase):
    def test_passes(self):
        self.assertEqual(1, 1)

    def test_fails(self):
        self.assertEqual(3 * 3, 10)

    def test_errors(self):
        {}["missing"]

    def test_also_errors(self):
        1 / 0


class Quiet:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)

    def flush(self):
        pass


stream = Quiet()
result = unittest.TextTestRunner(stream=stream).run(unittest.TestLoader().loadTestsFromTestCase(TestBroken))
print("progress:", stream.parts[0:4])
print(result)
print(len(result.failures), len(result.errors), result.wasSuccessful())
test, text = result.failures[0]
print(test)
print(text.splitlines()[0])
print(text.splitlines()[-1])
for test, text in result.errors:
    print(test.id(), "->", text.splitlines()[-1])
# %%
import unittest

tc = unittest.TestCase()
checks = [
    lambda: tc.assertEqual(1, 2),
    lambda: tc.assertEqual("spam", "eggs"),
    lambda: tc.assertEqual(3.5, 3, msg="numbers differ"),
    lambda: tc.assertNotEqual([1], [1]),
    lambda: tc.assertTrue(0),
    lambda: tc.assertTrue([], "list should not be empty"),
    lambda: tc.assertFalse("text"),
    lambda: tc.assertIsNone(42),
    lambda: tc.assertIsNotNone(None, "need a value"),
]
for check in checks:
    try:
        check()
    except AssertionError as e:
        print(e)
        print("---")
# %%
import unittest

tc = unittest.TestCase()
a = [1, 2]
checks = [
    lambda: tc.assertIs(a, [1, 2]),
    lambda: tc.assertIsNot(a, a),
    lambda: tc.assertIn(5, [1, 2, 3]),
    lambda: tc.assertIn("z", "abc", "letter missing"),
    lambda: tc.assertNotIn(2, {1: "a", 2: "b"}),
    lambda: tc.assertIsInstance(3, str),
    lambda: tc.assertIsInstance("x", (int, float)),
    lambda: tc.assertNotIsInstance(True, int),
    lambda: tc.assertGreater(1, 2),
    lambda: tc.assertGreaterEqual(1, 2),
    lambda: tc.assertLess("b", "a"),
    lambda: tc.assertLessEqual(3.0, 2, msg="too big"),
]
for check in checks:
    try:
        check()
    except AssertionError as e:
        print(e)
# %%
import unittest

tc = unittest.TestCase()
for first, second, options in [
    (0.1 + 0.2, 0.4, {}),
    (1.0, 1.001, {"places": 2}),
    (1.0, 1.1, {"places": 3}),
    (10, 12, {"delta": 1}),
    (10, 11, {"delta": 1}),
    (3.14159, 3.14, {"places": 2, "msg": "pi is off"}),
]:
    try:
        tc.assertAlmostEqual(first, second, **options)
        print("close enough:", first, second)
    except AssertionError as e:
        print(e)
for first, second, options in [(1.0, 1.0, {}), (1.0, 1.00000001, {}), (5, 6, {"delta": 2}), (5, 9, {"delta": 2})]:
    try:
        tc.assertNotAlmostEqual(first, second, **options)
        print("far enough:", first, second)
    except AssertionError as e:
        print(e)
try:
    tc.assertAlmostEqual(1, 2, places=1, delta=1)
except TypeError as e:
    print("TypeError:", e)
# %%
import unittest

tc = unittest.TestCase()
for first, second in [
    ([1, 2, 3], [1, 2, 4]),
    ([1, 2], [1, 2, 3, 4]),
    ((1, "a"), (1, "b", None)),
    ({"name": "Ada", "age": 36}, {"name": "Ada", "age": 37}),
    ({1, 2, 3}, {2, 3, 4}),
    ("hello world", "hello there"),
]:
    try:
        tc.assertEqual(first, second)
    except AssertionError as e:
        print(e)
        print("=====")
# %%
import unittest

tc = unittest.TestCase()
before = "first line\nsecond line\nthird line\n"
after = "first line\nsecond line!\nthird line\nfourth line\n"
try:
    tc.assertMultiLineEqual(before, after)
except AssertionError as e:
    print(e)
try:
    tc.assertEqual("a\nb", "a\nc")
except AssertionError as e:
    print(e)
try:
    tc.assertListEqual([1, 2], (1, 2))
except AssertionError as e:
    print(e)
try:
    tc.assertSequenceEqual([1, 2, 3], (1, 2, 3))
    print("sequences compare by items")
    tc.assertTupleEqual((1, 2), (2, 1), msg="order matters")
except AssertionError as e:
    print(e)
try:
    tc.assertDictEqual({"a": 1}, [("a", 1)])
except AssertionError as e:
    print(e)
# %%
import unittest

tc = unittest.TestCase()
try:
    tc.assertSetEqual({1, 2}, {2, 3, 4})
except AssertionError as e:
    print(e)
try:
    tc.assertSetEqual({1}, [1])
except AssertionError as e:
    print(e)
try:
    tc.assertCountEqual([1, 1, 2, 3], [1, 2, 2, 4])
except AssertionError as e:
    print(e)
try:
    tc.assertCountEqual([[1], [2], [2]], [[2], [1], [1]])
except AssertionError as e:
    print(e)
tc.assertCountEqual("listen", "silent")
print("anagrams match")
# %%
import unittest

tc = unittest.TestCase()
long_first = list(range(40))
long_second = list(range(40))
long_second[30] = -1
try:
    tc.assertEqual(long_first, long_second)
except AssertionError as e:
    print(e)
try:
    tc.assertEqual("x" * 100 + "tail", "x" * 100 + "TAIL")
except AssertionError as e:
    print(e)
tc.maxDiff = None
try:
    tc.assertEqual({"k%d" % i: i for i in range(8)}, {"k%d" % i: i * 2 for i in range(8)})
except AssertionError as e:
    print(e)
tc.maxDiff = 20
try:
    tc.assertEqual([1, 2, 3], [1, 2, 4])
except AssertionError as e:
    print(e)
# %%
import re
import unittest


def parse_age(text):
    value = int(text)
    if value < 0:
        raise ValueError(f"age cannot be negative: {value}")
    return value


tc = unittest.TestCase()
with tc.assertRaisesRegex(ValueError, r"negative: -\d+"):
    parse_age("-4")
print("regex matched the message")
checks = [
    lambda: tc.assertRaises(ValueError, parse_age, "12"),
    lambda: tc.assertRaises((KeyError, IndexError), lambda: None),
    lambda: tc.assertRaisesRegex(ValueError, "positive", parse_age, "-1"),
    lambda: tc.assertRegex("2024-01-05", r"^\d{2}/"),
    lambda: tc.assertNotRegex("order 66", r"\d+"),
    lambda: tc.assertRegex("abc", re.compile("z+"), "no z"),
]
for check in checks:
    try:
        check()
    except AssertionError as e:
        print(e)
try:
    with tc.assertRaises(ValueError, msg="parsing should fail"):
        parse_age("7")
except AssertionError as e:
    print(e)
try:
    with tc.assertRaises(ZeroDivisionError):
        parse_age("x")
except ValueError as e:
    print("other exceptions pass through:", e)
try:
    tc.assertRaises("not an exception")
except TypeError as e:
    print(e)
# %%
import unittest


class Strict(unittest.TestCase):
    longMessage = False

    def runTest(self):
        pass


strict = Strict()
for check in [lambda: strict.assertEqual(1, 2), lambda: strict.assertEqual(1, 2, "custom only"), lambda: strict.assertIn(1, [], "not there")]:
    try:
        check()
    except AssertionError as e:
        print(e)


class MyError(Exception):
    pass


class Custom(unittest.TestCase):
    failureException = MyError

    def test_it(self):
        self.assertEqual("a", "b")


result = unittest.TestResult()
Custom("test_it").run(result)
print(len(result.failures), len(result.errors))
try:
    Custom("runTest")
except ValueError as e:
    print(e)
# %%
import unittest

log = []


class TestFixtures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        log.append("setUpClass")
        cls.shared = []

    @classmethod
    def tearDownClass(cls):
        log.append("tearDownClass")

    def setUp(self):
        log.append("setUp " + self._testMethodName)
        self.addCleanup(log.append, "cleanup 1 " + self._testMethodName)
        self.addCleanup(log.append, "cleanup 2 " + self._testMethodName)

    def tearDown(self):
        log.append("tearDown " + self._testMethodName)

    def test_first(self):
        self.shared.append(1)
        log.append("first sees %d" % len(self.shared))

    def test_second(self):
        self.shared.append(2)
        log.append("second sees %d" % len(self.shared))


result = unittest.TestResult()
unittest.TestLoader().loadTestsFromTestCase(TestFixtures).run(result)
print("\n".join(log))
print(result)
# %%
import unittest

events = []


class TestSetupFails(unittest.TestCase):
    def setUp(self):
        events.append("setUp")
        self.addCleanup(events.append, "cleanup still runs")
        raise RuntimeError("database unavailable")

    def tearDown(self):
        events.append("tearDown is skipped")

    def test_anything(self):
        events.append("test body is skipped")


class TestClassSetupFails(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        raise ConnectionError("no network")

    def test_never_runs(self):
        events.append("never")


result = unittest.TestResult()
suite = unittest.TestSuite([unittest.TestLoader().loadTestsFromTestCase(TestSetupFails),
                            unittest.TestLoader().loadTestsFromTestCase(TestClassSetupFails)])
suite.run(result)
print(events)
print(result.testsRun, len(result.errors))
for test, text in result.errors:
    print(test, "|", text.splitlines()[-1])
# %%
import unittest


class TestDescriptions(unittest.TestCase):
    """Checks the descriptions."""

    def test_documented(self):
        """Adds two numbers.

        More detail that is not shown.
        """

    def test_plain(self):
        pass


t = TestDescriptions("test_documented")
print(str(t))
print(repr(t))
print(t.id())
print(t.shortDescription())
print(TestDescriptions("test_plain").shortDescription())
print(t.countTestCases(), t == TestDescriptions("test_documented"), t == TestDescriptions("test_plain"))
print(TestDescriptions.__doc__)
print(TestDescriptions.test_documented.__doc__.splitlines()[0])
# %% stderr mask-times
import unittest


class TestDocstrings(unittest.TestCase):
    def test_with_doc(self):
        """The docstring's first line shows at verbosity 2."""

    def test_without_doc(self):
        pass


unittest.TextTestRunner(verbosity=2).run(unittest.TestLoader().loadTestsFromTestCase(TestDocstrings))
unittest.TextTestRunner(verbosity=2, descriptions=False).run(unittest.TestLoader().loadTestsFromTestCase(TestDocstrings))
# %%
import unittest


class TestGrid(unittest.TestCase):
    def test_cells(self):
        for row in range(2):
            with self.subTest("row check", row=row):
                for col in range(3):
                    with self.subTest(col=col):
                        self.assertLess(row + col, 3)

    def test_message_only(self):
        with self.subTest("just a message"):
            self.assertEqual(1, 2)
        with self.subTest():
            raise KeyError("boom")


result = unittest.TestResult()
unittest.TestLoader().loadTestsFromTestCase(TestGrid).run(result)
print(result.testsRun, len(result.failures), len(result.errors))
for test, text in result.failures + result.errors:
    print(test)
    print("  ", test.id())
    print("  ", text.splitlines()[-1])
# %%
import unittest


class Base(unittest.TestCase):
    def test_shared(self):
        pass

    def helper(self):
        pass


class Child(Base):
    def test_b_own(self):
        pass

    def test_a_own(self):
        pass

    test_not_callable = 5

    def check_extra(self):
        pass


loader = unittest.TestLoader()
print(loader.getTestCaseNames(Child))
loader.testMethodPrefix = "check"
print(loader.getTestCaseNames(Child))
loader = unittest.TestLoader()
loader.sortTestMethodsUsing = lambda a, b: (a < b) - (a > b)
print(loader.getTestCaseNames(Child))
suite = unittest.TestLoader().loadTestsFromTestCase(Child)
print(suite.countTestCases())
print([t.id() for t in suite])
print(unittest.TestLoader().loadTestsFromTestCase(unittest.TestCase).countTestCases())
# %%
import unittest


class TestOne(unittest.TestCase):
    def test_x(self):
        pass

    def test_y(self):
        pass


suite = unittest.TestSuite()
suite.addTest(TestOne("test_x"))
suite.addTests([TestOne("test_y"), unittest.TestSuite([TestOne("test_x")])])
print(suite.countTestCases())
print(suite)
print([type(t).__name__ for t in suite])
try:
    suite.addTest(TestOne)
except TypeError as e:
    print(e)
try:
    suite.addTests("test_x")
except TypeError as e:
    print(e)
try:
    suite.addTest(42)
except TypeError as e:
    print(e)
result = unittest.TestResult()
suite(result)
print(result.testsRun, suite.countTestCases(), list(suite))
# %%
import unittest


class Recorder(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.passed = []

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed.append(test.id())

    def startTest(self, test):
        print("starting", test._testMethodName)
        super().startTest(test)


class TestMixed(unittest.TestCase):
    def test_ok(self):
        pass

    def test_bad(self):
        self.assertTrue(False)

    def test_also_ok(self):
        pass


recorder = Recorder()
unittest.TestLoader().loadTestsFromTestCase(TestMixed).run(recorder)
print(recorder.passed)
print(recorder.testsRun, len(recorder.failures), recorder.shouldStop)
# %%
import unittest


class TestStopEarly(unittest.TestCase):
    def test_1(self):
        self.fail("first failure")

    def test_2(self):
        pass

    def test_3(self):
        self.fail()


class Null:
    def write(self, text):
        pass

    def flush(self):
        pass


result = unittest.TextTestRunner(stream=Null(), failfast=True).run(unittest.TestLoader().loadTestsFromTestCase(TestStopEarly))
print(result.testsRun, result.shouldStop, [str(t) for t, _ in result.failures])
result = unittest.TextTestRunner(stream=Null()).run(unittest.TestLoader().loadTestsFromTestCase(TestStopEarly))
print(result.testsRun, [text.splitlines()[-1] for _, text in result.failures])
# %%
import unittest


class Account:
    def __init__(self, balance=0):
        self.balance = balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= amount


class TestAccount(unittest.TestCase):
    def test_withdraw(self):
        account = Account(100)
        account.withdraw(30)
        self.assertEqual(account.balance, 70)

    def test_overdraw(self):
        with self.assertRaises(ValueError):
            Account(10).withdraw(50)

    def test_wrong_expectation(self):
        self.assertEqual(Account(5).balance, 50)


program = unittest.main(argv=["notes"], exit=False, defaultTest=["TestAccount.test_withdraw", "TestAccount.test_overdraw"], verbosity=0)
print(program.result.testsRun, program.result.wasSuccessful())
program = unittest.main(argv=["notes", "TestAccount"], exit=False, verbosity=0)
print(program.result.testsRun, len(program.result.failures))
# %% stderr mask-times
import unittest


class TestRedefined(unittest.TestCase):
    def test_old(self):
        pass


class TestRedefined(unittest.TestCase):
    def test_new(self):
        pass


class TestZebra(unittest.TestCase):
    def test_stripes(self):
        pass


unittest.main(argv=["notes", "-v", "TestRedefined", "TestZebra"], exit=False)
unittest.main(argv=["notes", "-k", "stripes", "-q"], exit=False)
# %%
import unittest


def test_addition():
    assert 1 + 1 == 2


def check_strings():
    """Strings concatenate."""
    assert "a" + "b" == "abc"


cases = [unittest.FunctionTestCase(test_addition), unittest.FunctionTestCase(check_strings, description="custom description")]
result = unittest.TestResult()
unittest.TestSuite(cases).run(result)
print(result.testsRun, len(result.failures))
print(cases[0], "|", cases[0].id(), "|", cases[0].shortDescription())
print(cases[1].shortDescription())
print(result.failures[0][1].splitlines()[-1])
# %%
import unittest


class TestInstances(unittest.TestCase):
    def test_runs_alone(self):
        self.assertEqual(sum([1, 2, 3]), 6)

    def test_fails_alone(self):
        self.assertIn("x", "abc")


result = TestInstances("test_runs_alone").run()
print(type(result).__name__, result.testsRun, result.wasSuccessful())
result = unittest.TestResult()
TestInstances("test_fails_alone")(result)
print(result.failures[0][0], result.failures[0][1].splitlines()[-1])
print(unittest.TestResult())
print(issubclass(unittest.SkipTest, Exception), unittest.TestCase.maxDiff, unittest.TestCase.longMessage)
try:
    raise unittest.SkipTest("skipped by hand")
except unittest.SkipTest as e:
    print(type(e).__name__, e)
# %% stderr mask-times
import unittest


class TestChatty(unittest.TestCase):
    def test_prints_progress(self):
        print("computing the answer...")
        self.assertEqual(6 * 7, 42)

    def test_silent(self):
        pass


if __name__ == "__main__":
    unittest.main(argv=["first-arg-is-ignored"], exit=False, verbosity=2, defaultTest="TestChatty")
# %%
import unittest
from collections import Counter, namedtuple
from dataclasses import dataclass

Point = namedtuple("Point", "x y")


@dataclass
class Product:
    name: str
    price: float


tc = unittest.TestCase()
pairs = [
    (Point(1, 2), Point(1, 3)),
    (Product("pen", 1.5), Product("pen", 2.0)),
    ([Point(0, 0)], [Point(0, 1)]),
    (Counter("hello"), Counter("help")),
    ({"b": [1, 2], "a": {"z": 1}}, {"b": [1, 3], "a": {"z": 1}}),
    (b"bytes", b"bites"),
    (1, 1.5),
    (None, 0),
]
for expected, actual in pairs:
    try:
        tc.assertEqual(expected, actual)
    except AssertionError as e:
        print(e)
        print("~~")
# %%
import unittest

tc = unittest.TestCase()
poem = "\n".join("line %d of the poem" % i for i in range(30))
edited = poem.replace("line 17", "LINE 17")
try:
    tc.assertEqual(poem, edited)
except AssertionError as e:
    print(e)
settings = {"option_%02d" % i: "value %d" % i for i in range(12)}
changed = dict(settings, option_05="changed")
try:
    tc.assertEqual(settings, changed)
except AssertionError as e:
    print(e)
try:
    tc.assertEqual(["a sentence long enough to be wrapped by pprint because it passes eighty columns", 1],
                   ["a sentence long enough to be wrapped by pprint because it passes eighty columns", 2])
except AssertionError as e:
    print(e)
for first, second in [("tab\there", "tab\tthere"), ("single", "single\n"), ("", "x"), ((1, 2), [1, 2])]:
    try:
        tc.assertEqual(first, second)
    except AssertionError as e:
        print(e)
# %%
import unittest


class DatabaseTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        print("connecting for", cls.__name__)

    def setUp(self):
        super().setUp()
        self.rows = [1, 2, 3]


class TestQueries(DatabaseTestCase):
    def __init__(self, methodName="runTest"):
        super().__init__(methodName)
        self.table = "users"

    def test_count(self):
        self.assertEqual(len(self.rows), 3)
        self.assertEqual(self.table, "users")


result = unittest.TestResult()
unittest.TestLoader().loadTestsFromTestCase(TestQueries).run(result)
print(result.wasSuccessful(), result.testsRun)
print(unittest.TestLoader().loadTestsFromTestCase(DatabaseTestCase).countTestCases())
# %% stderr mask-times
import unittest


class TestSurprises(unittest.TestCase):
    @unittest.expectedFailure
    def test_thought_broken(self):
        self.assertTrue(True)

    def test_skip_one_case(self):
        for i in range(3):
            with self.subTest(i=i):
                if i == 1:
                    self.skipTest("odd one out")
        print("loop finished")


unittest.TextTestRunner(verbosity=2).run(unittest.TestLoader().loadTestsFromTestCase(TestSurprises))
unittest.TextTestRunner().run(unittest.TestLoader().loadTestsFromTestCase(TestSurprises))
# %%
import logging
import unittest


class TestLogging(unittest.TestCase):
    def test_order_logs(self):
        log = logging.getLogger("shop.orders")
        with self.assertLogs("shop", level="INFO") as cm:
            log.info("order %d placed", 7)
            log.debug("not captured")
            log.error("payment failed")
        print(cm.output)
        print([record.levelname for record in cm.records])

    def test_nothing_logged(self):
        with self.assertLogs("quiet"):
            pass

    def test_no_logs(self):
        with self.assertNoLogs("silent", level="WARNING"):
            logging.getLogger("silent").info("below the level")
        with self.assertNoLogs("silent"):
            logging.getLogger("silent").warning("oops")


result = unittest.TestResult()
unittest.TestLoader().loadTestsFromTestCase(TestLogging).run(result)
print(result.testsRun, len(result.failures))
for test, text in result.failures:
    print(test, "|", text.splitlines()[-1])
# %%
import unittest


class TestResources(unittest.TestCase):
    def test_context(self):
        class Connection:
            def __enter__(self):
                print("open")
                return "conn"

            def __exit__(self, *exc):
                print("close", exc)

        conn = self.enterContext(Connection())
        print("using", conn)

    def test_cleanup_raises(self):
        def broken():
            raise OSError("could not delete temp file")

        self.addCleanup(broken)
        self.addCleanup(print, "cleanups run", "last in first out", sep=": ")


result = unittest.TestResult()
unittest.TestLoader().loadTestsFromTestCase(TestResources).run(result)
print(result.testsRun, len(result.errors), result.errors[0][1].splitlines()[-1])
manual = TestResources("test_context")
manual.addCleanup(print, "manual cleanup")
print(manual.doCleanups())
# %% stderr mask-times
import unittest


class TestTeardownBreaks(unittest.TestCase):
    def tearDown(self):
        raise ValueError("teardown broke")

    def test_body_ok(self):
        pass


result = unittest.TestResult()
unittest.TestLoader().loadTestsFromTestCase(TestTeardownBreaks).run(result)
print(len(result.errors), result.errors[0][0], result.errors[0][1].splitlines()[-1])


class TestNeedsDatabase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        raise unittest.SkipTest("no database here")

    def test_query(self):
        pass


unittest.TextTestRunner(verbosity=2).run(unittest.TestLoader().loadTestsFromTestCase(TestNeedsDatabase))
# %% stderr mask-times
import unittest


class TestCommandLine(unittest.TestCase):
    def test_ok(self):
        pass


program = unittest.main(argv=["prog", "TestCommandLine.test_ok", "-v"], exit=False)
print(type(program).__name__, program.result.testsRun, program.verbosity, program.testNames)
try:
    unittest.main(argv=["prog", "--bogus"], exit=False)
except SystemExit as e:
    print("exit code", e.code)
unittest.main(argv=["prog", "NoSuchTest"], exit=False, verbosity=0)
# %% stderr mask-times
import unittest


class TestFinal(unittest.TestCase):
    def test_truth(self):
        self.assertTrue(True)

    def test_math(self):
        self.assertEqual(2 ** 10, 1024)


unittest.main(argv=["final", "TestFinal"])
print("not reached")
