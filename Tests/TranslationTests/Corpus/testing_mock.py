# %%
from unittest.mock import Mock

def short(value):
    return repr(value).split(" id=")[0] + ">"

mailer = Mock()
print(short(mailer))
print(short(mailer.send))
print(short(mailer.send("ada@example.com", subject="hi")))
print(mailer.send.called, mailer.send.call_count)
print(mailer.send.call_args)
print(mailer.send.call_args.args, mailer.send.call_args.kwargs)
print(mailer.mock_calls)
print(mailer.method_calls)
# %%
from unittest.mock import Mock

db = Mock(name="db")
db.connect.return_value.cursor.return_value.fetchall.return_value = [("ada", 36), ("alan", 41)]
rows = db.connect("postgres://").cursor().fetchall()
print(rows)
print(db.mock_calls)
print(db.connect.return_value.mock_calls)
print(repr(db.connect.return_value.cursor).split(" id=")[0])
# %%
from unittest.mock import Mock

dice = Mock(side_effect=[6, 1, ValueError("loaded die"), 4])
print(dice(), dice())
try:
    dice()
except ValueError as error:
    print("raised:", error)
print(dice())
try:
    dice()
except StopIteration:
    print("no more rolls")
print(dice.call_count)
# %%
from unittest.mock import Mock

def double(x):
    return x * 2

doubler = Mock(side_effect=double)
print(doubler(21), doubler("ab"))
broken = Mock(side_effect=KeyError("missing"))
try:
    broken("k")
except KeyError as error:
    print(type(error).__name__, error)
by_class = Mock(side_effect=ConnectionError)
try:
    by_class()
except ConnectionError as error:
    print("ConnectionError", repr(error))
fixed = Mock(return_value=10, side_effect=lambda *a: None)
print(fixed())
# %%
from unittest.mock import Mock

api = Mock()
api.fetch(1)
api.fetch(2, retries=3)
try:
    api.fetch.assert_called_once()
except AssertionError as error:
    print(error)
try:
    api.fetch.assert_called_with(1)
except AssertionError as error:
    print(error)
api.fetch.assert_called_with(2, retries=3)
api.fetch.assert_any_call(1)
try:
    api.fetch.assert_any_call(3)
except AssertionError as error:
    print(error)
try:
    api.store.assert_called_once_with("x")
except AssertionError as error:
    print(error)
try:
    api.fetch.assert_not_called()
except AssertionError as error:
    print(error)
try:
    api.store.assert_called()
except AssertionError as error:
    print(error)
api.store.assert_not_called()
print("assertions done")
# %%
from unittest.mock import Mock, call

queue = Mock()
queue.push(1)
queue.push(2)
queue.pop()
print(queue.push.call_args_list)
print(queue.push.call_args_list == [call(1), call(2)])
print(queue.mock_calls == [call.push(1), call.push(2), call.pop()])
queue.assert_has_calls([call.push(2), call.pop()])
queue.assert_has_calls([call.pop(), call.push(1)], any_order=True)
try:
    queue.assert_has_calls([call.pop(), call.push(1)])
except AssertionError as error:
    print(error)
print(call(1, 2, key="v"), call.method(3), call.a.b.c(4))
print(call(1) == call(1), call(1) != call(2), call.x(1) == call.y(1))
args, kwargs = queue.push.call_args
print(args, kwargs, queue.push.call_args[0])
# %%
from unittest.mock import Mock, ANY, call

log = Mock()
log.write("started", level=1)
log.write.assert_called_with(ANY, level=1)
log.write.assert_called_with("started", level=ANY)
print(log.write.call_args == call(ANY, level=1), ANY)
print(ANY == 42, ANY != "x")
# %%
from unittest.mock import MagicMock

box = MagicMock()
print(len(box), list(box), bool(box), int(box), float(box), 3 in box)
box.__len__.return_value = 5
box.__iter__.return_value = [1, 2, 3]
box.__getitem__.side_effect = lambda key: key * 10
box.__contains__.return_value = True
print(len(box), list(box), box[4], "x" in box)
print(box == box, box == 3, box != box)
with box as inside:
    print(repr(inside).split(" id=")[0])
print(repr(box.__enter__).split(" id=")[0])
# %%
from unittest.mock import MagicMock

connection = MagicMock()
connection.__enter__.return_value.query.return_value = ["row"]
with connection as live:
    print(live.query("select 1"))
connection.__exit__.assert_called_once()
print(connection.__enter__.call_count, connection.__exit__.call_args)
print(str(MagicMock(name="thing")).split(" id=")[0])
# %%
from unittest.mock import Mock

class Greeter:
    def hello(self, name):
        return "hello " + name
    def bye(self):
        return "bye"

strict = Mock(spec=Greeter)
strict.hello.return_value = "mocked"
print(strict.hello("ada"))
try:
    strict.wave()
except AttributeError as error:
    print(error)
print(isinstance(strict, Greeter), repr(strict).split(" id=")[0])
listed = Mock(spec=["a", "b"])
print(repr(listed.a).split(" id=")[0])
try:
    listed.c
except AttributeError as error:
    print(error)
sealed = Mock(spec_set=["x"])
sealed.x = 1
try:
    sealed.y = 2
except AttributeError as error:
    print(error)
# %%
from unittest.mock import Mock

settings = Mock(**{"timeout": 30, "db.host": "localhost", "db.connect.return_value": "conn"})
print(settings.timeout, settings.db.host, settings.db.connect())
settings.configure_mock(**{"retry.side_effect": [1, 2], "name_value": "n"})
print(settings.retry(), settings.retry(), settings.name_value)
named = Mock(name="service")
print(repr(named).split(" id=")[0], repr(named.name).split(" id=")[0])
plain = Mock()
plain.name = "value"
print(plain.name)
# %%
from unittest.mock import Mock

counter = Mock(return_value=1)
counter(); counter(2)
counter.child()
counter.reset_mock()
print(counter.called, counter.call_count, counter.call_args, counter.call_args_list, counter.mock_calls, counter())
counter.reset_mock(return_value=True)
print(repr(counter()).split(" id=")[0])
thing = Mock()
thing.value = 3
print(thing.value)
del thing.value
try:
    thing.value
except AttributeError as error:
    print("deleted:", error)
try:
    thing.assert_called_twice()
except AttributeError as error:
    print(error)
# %%
from unittest.mock import Mock

parent = Mock()
child = Mock()
parent.attach_mock(child, "worker")
child.run(5)
print(parent.mock_calls, parent.method_calls)
adopted = Mock()
parent.helper = adopted
adopted.go()
print(parent.mock_calls)
print(repr(adopted).split(" id=")[0])
ret = Mock()
holder = Mock(return_value=ret)
holder()
ret.finish()
print(holder.mock_calls)
# %%
from unittest.mock import sentinel, DEFAULT, Mock

marker = sentinel.marker
print(marker, marker is sentinel.marker, marker is sentinel.other, DEFAULT)
fn = Mock(return_value=sentinel.result)
print(fn() is sentinel.result)
defaulted = Mock(side_effect=lambda: DEFAULT, return_value="from return_value")
print(defaulted())
# %%
from unittest.mock import patch

class Weather:
    def forecast(self, city):
        return "sunny in " + city

w = Weather()
print(w.forecast("Oslo"))
with patch.object(Weather, "forecast", return_value="rain") as fake:
    print(w.forecast("Oslo"))
    print(fake.call_args)
print(w.forecast("Oslo"))
patcher = patch.object(Weather, "forecast", side_effect=lambda city: "snow")
started = patcher.start()
print(w.forecast("Rome"), started.call_count)
patcher.stop()
print(w.forecast("Rome"))
# %%
from unittest.mock import patch

class Config:
    debug = False
    level = "info"

@patch.object(Config, "debug", True)
def show():
    return Config.debug

print(show(), Config.debug)

@patch.object(Config, "level")
def inspect_level(mocked):
    return repr(mocked).split(" id=")[0], Config.level is mocked

print(inspect_level())
print(Config.level)
try:
    with patch.object(Config, "missing", 1):
        pass
except AttributeError as error:
    print("AttributeError", str(error).split(" does not")[1])
with patch.object(Config, "missing", 2, create=True):
    print(Config.missing)
print(hasattr(Config, "missing"))
# %%
from unittest.mock import patch
import random

def roll():
    return random.randint(1, 6)

with patch("random.randint", return_value=4) as fake_randint:
    print(roll(), roll())
    print(fake_randint.call_args_list)

@patch("random.choice")
@patch("random.randint")
def draw(fake_randint, fake_choice):
    fake_randint.return_value = 2
    fake_choice.return_value = "queen"
    return random.randint(1, 10), random.choice(["king", "queen"])

print(draw())
print(random.randint(5, 5))
# %%
from unittest.mock import patch

inventory = {"apples": 3}
with patch.dict(inventory, {"pears": 5}):
    print(sorted(inventory.items()))
print(inventory)
with patch.dict(inventory, clear=True, bananas=1):
    print(inventory)
print(inventory)

@patch.dict(inventory, {"apples": 100})
def count():
    return inventory["apples"]

print(count(), inventory["apples"])
# %%
from unittest.mock import Mock, PropertyMock

class Account:
    @property
    def balance(self):
        return 100

acct = Account()
balance = PropertyMock(return_value=5)
Account.balance = balance
print(acct.balance)
acct.balance = 7
print(balance.mock_calls)
# %%
from unittest.mock import Mock

class Notifier:
    def __init__(self, sender):
        self.sender = sender

    def alert(self, users, text):
        sent = 0
        for user in users:
            if self.sender.send(user, text):
                sent += 1
        return sent

sender = Mock()
sender.send.side_effect = lambda user, text: user != "bob"
notifier = Notifier(sender)
print(notifier.alert(["ada", "bob", "cy"], "deploy done"))
print(sender.send.call_count)
for recorded in sender.send.call_args_list:
    print(recorded.args)
# %%
from unittest.mock import Mock, MagicMock, NonCallableMock

print(type(Mock()).__name__, isinstance(Mock(), Mock), type(Mock()) is Mock, isinstance(MagicMock(), Mock))
print(Mock().return_value is Mock().return_value)
m = Mock()
print(m.return_value is m.return_value, m() is m.return_value)
quiet = NonCallableMock()
try:
    quiet()
except TypeError as error:
    print(error)
print(callable(Mock()), callable(quiet))
wrapped = Mock(wraps=lambda a, b: a + b)
print(wrapped(2, 3), wrapped.call_args)
# %%
from unittest.mock import Mock, call

mock = Mock()
cursor = mock.connection.cursor.return_value
cursor.execute.return_value = ["row"]
print(mock.connection.cursor().execute("SELECT 1"))
expected = call.connection.cursor().execute("SELECT 1").call_list()
print(expected)
print(mock.mock_calls)
print(mock.mock_calls == expected)
print(call.a(1).b(2).call_list())
print(id(mock) > 0, id(cursor) != id(mock))
# %% mask-times
import sys
import unittest
import unittest.mock

class Clock:
    def now(self):
        return 12

def greeting(clock):
    return "good morning" if clock.now() < 12 else "good afternoon"

class GreetingTests(unittest.TestCase):
    def test_morning(self):
        clock = unittest.mock.Mock()
        clock.now.return_value = 9
        self.assertEqual(greeting(clock), "good morning")
        clock.now.assert_called_once_with()

    @unittest.mock.patch.object(Clock, "now", return_value=15)
    def test_afternoon(self, fake_now):
        self.assertEqual(greeting(Clock()), "good afternoon")
        self.assertEqual(fake_now.call_count, 1)

    def test_wrong(self):
        clock = unittest.mock.Mock(**{"now.return_value": 3})
        self.assertEqual(greeting(clock), "good afternoon")

passing = unittest.TestSuite([GreetingTests("test_morning"), GreetingTests("test_afternoon")])
result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(passing)
print(result.wasSuccessful(), result.testsRun)
failing = unittest.TextTestRunner(verbosity=0).run(unittest.TestSuite([GreetingTests("test_wrong")]))
print(failing.wasSuccessful(), len(failing.failures), [line for line in failing.failures[0][1].splitlines() if line.startswith("AssertionError")])
# %%
from unittest.mock import Mock, create_autospec, call


def transfer(source, target, amount, *, note=None):
    pass


spy = Mock(spec=transfer)
spy("alice", "bob", 10)
spy.assert_called_with(source="alice", target="bob", amount=10)
spy.assert_called_with("alice", target="bob", amount=10)
spy.assert_any_call("alice", "bob", amount=10)
for wrong in [dict(source="bob", target="alice", amount=10), dict(source="alice", target="bob")]:
    try:
        spy.assert_called_with(**wrong)
    except AssertionError as error:
        print("mismatch:", str(error).splitlines()[0])
spy("carol", "dave", 5, note="rent")
spy.assert_called_with("carol", "dave", amount=5, note="rent")
print(spy.call_count, spy.call_args_list == [call("alice", "bob", 10), call("carol", "dave", 5, note="rent")])


class Account:
    def __init__(self, owner, limit=100):
        self.owner = owner


factory = create_autospec(Account)
factory("erin")
factory.assert_called_once_with(owner="erin")
try:
    factory.assert_called_once_with(owner="erin", limit=100)
except AssertionError:
    print("a default given is not a default left out")


plain = Mock()
plain(1, 2)
try:
    plain.assert_called_with(a=1, b=2)
except AssertionError:
    print("without a spec, keywords are not positionals")
