# %%
import json

raw = '{"name": "Ada", "langs": ["en", "fr"], "age": 36, "admin": false, "boss": null, "score": 9.5}'
person = json.loads(raw)
print(person)
print(type(person).__name__, person["langs"][1], person["score"] * 2)
print(json.dumps(person))
# %%
import json

config = {"debug": True, "workers": 4, "ratio": 0.25, "tags": ("a", "b"), "empty": {}, "none": []}
print(json.dumps(config, indent=4))
print(json.dumps(config, indent=2, sort_keys=True))
print(json.dumps(config, separators=(",", ":")))
# %%
import json

print(json.dumps({"b": 1, "a": [1, 2, {"z": None}]}, indent="\t"))
print(json.dumps([1, [2, [3, []]]], indent=0))
print(json.dumps({"x": 1}, indent=-2))
print(json.dumps([1, 2], indent=1, separators=(", ", " = ")))
# %%
import json

print(json.dumps({1: "one", 2.5: "float", True: "yes", False: "no", None: "nothing"}))
print(json.dumps(dict([(10 ** 30, "big")])))
print(json.dumps([10 ** 25, -7, 0, 1e100, 1e16, 1e-7, 0.1 + 0.2, -0.0, 3.0]))
print(json.dumps(float("inf")), json.dumps(float("-inf")), json.dumps(float("nan")))
print(json.dumps("plain"), json.dumps(None), json.dumps(True), json.dumps(12))
# %%
import json

text = "café ☕ naïve 😀 \"quoted\" back\\slash\ttab\nnewline \x00 \x7f"
print(json.dumps(text))
print(json.dumps(text, ensure_ascii=False))
print(json.dumps({"ключ": "значение"}))
print(json.dumps({"ключ": "значение"}, ensure_ascii=False))
print(json.loads(json.dumps(text)) == text)
# %%
import json

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

try:
    json.dumps(dict(p=Point(1, 2)))
except TypeError as e:
    print(type(e).__name__, e)
try:
    json.dumps({(1, 2): "tuple key"})
except TypeError as e:
    print(type(e).__name__, e)
print(json.dumps({(1, 2): "dropped", "kept": 1}, skipkeys=True))
try:
    json.dumps({"b": 1, 2: "a"}, sort_keys=True)
except TypeError as e:
    print(type(e).__name__, e)
try:
    json.dumps({1, 2})
except TypeError as e:
    print(type(e).__name__, e)
# %%
import json

def encode_point(obj):
    if isinstance(obj, Point):
        return dict(x=obj.x, y=obj.y)
    raise TypeError(f"cannot encode {type(obj).__name__}")

print(json.dumps([Point(1, 2), Point(3, 4)], default=encode_point))
print(json.dumps(dict(where=Point(0, -1)), default=lambda o: o.__dict__, indent=2))
print(json.dumps({"s": {3, 1, 2}}, default=sorted))
try:
    json.dumps(object(), default=encode_point)
except TypeError as e:
    print("default raised:", e)
# %%
import json

loop = [1, 2]
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as e:
    print(type(e).__name__, e)
d = {}
d["self"] = d
try:
    json.dumps(d, indent=2)
except ValueError as e:
    print(type(e).__name__, e)
for options in ({}, {"indent": 2}):
    try:
        json.dumps([1.5, float("nan")], allow_nan=False, **options)
    except ValueError as e:
        print(type(e).__name__, e)
shared = [1]
print(json.dumps([shared, shared]))
# %%
import json

class Celsius:
    def __init__(self, degrees):
        self.degrees = degrees

class TemperatureEncoder(json.JSONEncoder):
    def default(self, obj):
        if isinstance(obj, Celsius):
            return dict(celsius=obj.degrees)
        return super().default(obj)

print(json.dumps(Celsius(21.5), cls=TemperatureEncoder))
print(TemperatureEncoder().encode([Celsius(-4), "x"]))
print(TemperatureEncoder(indent=1).encode(dict(t=Celsius(0))))
try:
    TemperatureEncoder().encode(dict(bad=object()))
except TypeError as e:
    print(type(e).__name__, e)
print(json.JSONEncoder(sort_keys=True).encode({"b": 2, "a": 1}))
print(json.JSONEncoder().encode("just a string"))
print(list(json.JSONEncoder().iterencode({"a": [1, 2]})))
print(list(json.JSONEncoder(indent=2).iterencode([1, {"k": "v"}])))
enc = json.JSONEncoder()
print(enc.item_separator, enc.key_separator, json.JSONEncoder(indent=2).item_separator)
# %%
import json

values = ['[1, 2.5, -3, 1e3, 2E-2, 0.0]', '"esc: \\n \\t \\" \\\\ \\/ \\u00e9 \\ud83d\\ude00"', 'true', 'null',
          '  {"a": {"b": {"c": []}}}  ', '12345678901234567890123456789', '-0', '-0.0', '{}', '[]',
          '{"dup": 1, "dup": 2}', 'NaN', 'Infinity', '-Infinity', '1.5e400']
for text in values:
    result = json.loads(text)
    print(repr(result), type(result).__name__)
# %%
import json

bad = ['', '   ', '{', '{"a"', '{"a":', '{"a": 1', '{"a": 1,}', '[1, 2,]', '[1 2]', "{'a': 1}",
       '"unterminated', '"bad \\x escape"', '"\\u12"', '"line\nbreak"', '01', '1.', '-', 'nul', 'tru',
       '[1, 2', '{"a": 1} extra', '1 2', '\n\n   oops', '[-]', '{"a" 1}', '{"a": 1 "b": 2}', '\ufeff{}']
for text in bad:
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        print(repr(text), "->", e)
        print("   ", e.msg, "| pos", e.pos, "| line", e.lineno, "| col", e.colno)
# %%
import json

try:
    json.loads('{"valid": true,\n "broken": }')
except ValueError as e:
    print(type(e).__name__, isinstance(e, ValueError), e)
    print(e.args)
try:
    json.loads('[1, 2, 3')
except json.decoder.JSONDecodeError as e:
    print(e.__class__.__name__, e)
print(issubclass(json.JSONDecodeError, ValueError), json.JSONDecodeError is json.decoder.JSONDecodeError)
try:
    json.loads(42)
except TypeError as e:
    print(type(e).__name__, e)
print(json.loads(b'{"from": "bytes"}'), json.loads(bytearray(b'[1]')))
# %% refused
import json

with open("data.json") as handle:
    data = json.load(handle)
# %%
import json

def as_point(d):
    if set(d) == {"x", "y"}:
        return Point(d["x"], d["y"])
    return d

points = json.loads('[{"x": 1, "y": 2}, {"x": 3, "y": 4, "z": 5}]', object_hook=as_point)
print([type(p).__name__ for p in points], points[0].x, points[1])
print(json.loads('{"a": 1, "b": [2, 3]}', object_pairs_hook=list))
print(json.loads('[1, 2.5, 3]', parse_float=str, parse_int=lambda s: int(s) * 10))
print(json.loads('[NaN, 1]', parse_constant=lambda name: "<" + name + ">"))
decoder = json.JSONDecoder()
print(decoder.decode('{"k": [1, 2]}'))
print(decoder.raw_decode('[1, 2] and more'))
print(decoder.raw_decode('xx{"at": 2}', 2))
print(json.loads('"tab\there"', strict=False))
# %%
import json
import sys

json.dump({"to": "stdout", "n": [1, 2]}, sys.stdout)
print()
json.dump({"pretty": True, "items": [1, 2]}, sys.stdout, indent=2, sort_keys=True)
print()

class Collector:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)

sink = Collector()
json.dump([1, {"a": None}], sink)
print(sink.parts, "".join(sink.parts))

class Source:
    def read(self):
        return '{"read": "from an object"}'

print(json.load(Source()))
try:
    json.dump([1], "not-a-file.json")
except (AttributeError, PermissionError):
    print("a file name is not a stream")
# %%
import json
from collections import OrderedDict, namedtuple, defaultdict, Counter
from enum import IntEnum, Enum

class Level(IntEnum):
    LOW = 1
    HIGH = 2

class Color(str, Enum):
    RED = "red"

Pair = namedtuple("Pair", "left right")
counts = defaultdict(int)
counts["x"] += 2
print(json.dumps(OrderedDict([("z", 1), ("a", 2)])))
print(json.dumps(Pair(1, "two")), json.dumps(counts), json.dumps(Counter("abca")))
print(json.dumps(dict([("level", Level.HIGH), (Level.LOW, "low")])), json.dumps(Color.RED))
print(json.dumps(True), json.dumps([True, False, None]))
# %%
import json

order = {"id": 7, "items": [{"sku": "A1", "qty": 2, "price": 3.5}, {"sku": "B2", "qty": 1, "price": 10.0}]}
encoded = json.dumps(order)
decoded = json.loads(encoded)
print(decoded == order, decoded is order)
total = sum(item["qty"] * item["price"] for item in decoded["items"])
print(f"total: {total:.2f}")
payload = json.dumps(order).encode("utf-8")
print(type(payload).__name__, len(payload), json.loads(payload.decode("ascii"))["id"])
prices = json.loads('{"1001": 301.27, "1002": 433.21}')
for key, value in prices.items():
    print(key, value, type(key).__name__)
print(json.dumps("Hello from a note!"))
# %%
import string

print(string.ascii_letters)
print(string.ascii_lowercase, string.ascii_uppercase)
print(string.digits, string.hexdigits, string.octdigits)
print(string.punctuation)
print(repr(string.whitespace), len(string.printable), repr(string.printable[-10:]))
print(string.capwords("hello   wide  world"), string.capwords("  lead and trail  "))
print(string.capwords("a-b c-d", "-"), string.capwords("ÉCOLE o'neil mcDONALD"))
print([c for c in "a1!B " if c in string.ascii_letters + string.digits])
# %%
from string import Template

t = Template("$who likes ${what}s, costs $$5 and $who again")
print(t.substitute(who="Tim", what="apple"))
print(t.substitute({"who": "Ann", "what": "pear"}))
print(t.substitute({"who": "Ann", "what": "pear"}, who="Kwarg"))
print(t.safe_substitute(who="Sam"))
print(t.template)
try:
    t.substitute(who="Tim")
except KeyError as e:
    print(type(e).__name__, e)
for bad in ["cost: $", "two\nlines $5 here", "${broken", "$ space"]:
    try:
        Template(bad).substitute(x=1)
    except ValueError as e:
        print(type(e).__name__, e)
    print(Template(bad).safe_substitute(x=1))
print(Template("$a $b ${c} $a $$d").get_identifiers(), Template("$ok $").is_valid(), Template("$ok").is_valid())
print(Template("$x_1$y").substitute(x_1=1, y=[2]))
# %%
from string import Template

class Percent(Template):
    delimiter = "%"

print(Percent("%name costs %%10, %{unit}s").substitute(name="tea", unit="cup"))
print(Percent("100%").safe_substitute())
# %%
import textwrap

text = ("The quick brown fox jumps over the lazy dog. Python's textwrap module wraps and fills "
        "plain text paragraphs, breaking on whitespace and after hyphens in well-known compound words.")
for line in textwrap.wrap(text, width=30):
    print(repr(line))
print(textwrap.fill(text, width=45))
print(textwrap.wrap(text))
print(textwrap.fill("short", width=10), textwrap.wrap(""), textwrap.wrap("   "))
# %%
import textwrap

words = "state-of-the-art e-mail x-ray re-examine well-known self-explanatory co-operate--really"
for width in (6, 10, 14, 22):
    print(width, textwrap.wrap(words, width=width))
print(textwrap.wrap(words, width=10, break_on_hyphens=False))
print(textwrap.wrap("Supercalifragilisticexpialidocious is long", width=10))
print(textwrap.wrap("Supercalifragilisticexpialidocious is long", width=10, break_long_words=False))
print(textwrap.wrap("a-very-long-hyphenated-identifier-name", width=12))
print(textwrap.wrap("em--dash and--more and -- spaced", width=8))
# %%
import textwrap

wrapper = textwrap.TextWrapper(width=28, initial_indent="* ", subsequent_indent="  ")
print(wrapper.fill("Bullet points wrap with a hanging indent so the following lines line up nicely."))
w2 = textwrap.TextWrapper(width=20, max_lines=2, placeholder=" ...")
print(w2.wrap("This sentence is much too long to fit in only two short lines of text."))
print(textwrap.fill("one two three four five six", width=12, max_lines=2))
print(textwrap.wrap("tabs\tare\texpanded here", width=12))
print(textwrap.wrap("keep   inner   spaces", width=40, drop_whitespace=False))
print(textwrap.wrap("Dr. Smith arrived. He sat down. Then left!", width=60, fix_sentence_endings=True))
print(textwrap.wrap("  leading spaces stay on the first line", width=15))
try:
    textwrap.wrap("x", width=0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    textwrap.wrap("some words", width=4, max_lines=1, placeholder=" [more]")
except ValueError as e:
    print(type(e).__name__, e)
# %%
import textwrap

print(textwrap.shorten("Hello  world!   How are you today?", width=20))
print(textwrap.shorten("Hello world", width=11))
print(textwrap.shorten("Supercalifragilistic", width=10))
print(textwrap.shorten("The quick brown fox jumps", width=15, placeholder="~"))
# %%
import textwrap

def describe():
    doc = """\
        First line of a docstring.
          Indented more.

        Back to the margin.
        """
    return textwrap.dedent(doc)

print(repr(describe()))
print(repr(textwrap.dedent("  a\n\tb\n")), repr(textwrap.dedent("    x\n  y\n      z")))
print(repr(textwrap.dedent("  same\n  same\n   \n")))
print(textwrap.indent("alpha\n\nbeta\n", "> "))
print(repr(textwrap.indent("alpha\n\nbeta\n", "+ ", lambda line: True)))
print(repr(textwrap.indent("x\r\ny\n", "--", predicate=lambda line: "y" in line)))
# %%
import logging
import sys

audit = logging.getLogger("audit")
audit.setLevel(logging.INFO)
plain = logging.StreamHandler(stream=sys.stdout)
audit.addHandler(plain)
audit.propagate = False
audit.info("no formatter: the message alone")
plain.setFormatter(logging.Formatter())
audit.warning("an empty Formatter(): still the message alone")
plain.setFormatter(logging.Formatter("{levelname} {name}: {message}", style="{"))
audit.error("brace style")
print(logging.BASIC_FORMAT)
