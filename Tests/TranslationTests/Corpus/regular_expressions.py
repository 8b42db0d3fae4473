# %%
import re

text = "Order 66 shipped on 2023-11-05, order 7 on 2024-01-30."
m = re.search(r"(\d{4})-(\d{2})-(\d{2})", text)
print(m)
print(m.group(), m.group(0), m.group(1), m.group(2, 3))
print(m.groups())
print(m.start(), m.end(), m.span(), m.span(3))
print(bool(m), m.string == text, m.re.pattern)
print(re.search(r"\d{5}", text))

# %%
print(re.match(r"\w+", "hello world"))
print(re.match(r"world", "hello world"))
print(re.fullmatch(r"\d+", "12345"))
print(re.fullmatch(r"\d+", "12345x"))
print(re.fullmatch(r"a|ab", "ab"))
if re.match(r"^[A-Z]", "Zebra"):
    print("starts with a capital")
if not re.match(r"\.py$", ".txt"):
    print("not a python file")

# %%
print(re.findall(r"\d+", "3 apples, 12 pears, 100 plums"))
print(re.findall(r"(\w+)=(\d+)", "a=1, bb=22, ccc=333"))
print(re.findall(r"(\w+)@example\.com", "ann@example.com bob@example.com"))
print(re.findall(r"x*", "axxb"))
print(re.findall(r"(a)(b)?", "ab a"))
print(re.findall(r"[aeiou]", "Programming"))

# %%
for match in re.finditer(r"\b(\w)(\w*)\b", "the quick brown fox"):
    print(match.span(), match.group(1).upper() + match.group(2))
words = [m.group() for m in re.finditer(r"[A-Z][a-z]+", "Alice met Bob and Carol")]
print(words)
it = re.finditer(r"o", "foo")
print(next(it).start(), next(it).start())
print(list(re.finditer(r"z", "abc")))

# %%
print(re.sub(r"\s+", " ", "too    many   spaces here"))
print(re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world, good morning"))
print(re.sub(r"(?P<first>\w+)@(?P<domain>\w+)", r"\g<domain> at \g<first> (\g<0>)", "me@home"))
print(re.sub(r"\d", "#", "a1b22c333", count=3))
print(re.subn(r"o", "0", "foo boo zoo"))
print(re.sub(r"x*", "-", "abxd"))
print(re.sub(r"", "|", "abc"))
print(re.sub(r"a", r"\n", "banana") == "b\nn\nn\n")
print(re.sub(r"(\d+)", lambda m: str(int(m.group(1)) * 2), "2 apples and 15 pears"))

# %%
def shout(match):
    word = match.group(0)
    return word.upper() if len(word) > 3 else word

print(re.sub(r"\w+", shout, "the quick brown fox jumps"))
print(re.sub(r"(?P<n>\d+)", lambda m: f"<{m['n']}>", "a1b22"))
try:
    re.sub(r"a", lambda m: 1, "cat")
except TypeError as e:
    print(type(e).__name__, e)

# %%
print(re.split(r",\s*", "a, b,c,   d"))
print(re.split(r"(,)", "a,b,c"))
print(re.split(r"(-)|(\+)", "1-2+3"))
print(re.split(r"\s+", "one two three four", maxsplit=2))
print(re.split(r"x*", "axbc"))
print(re.split(r"\b", "hi there"))
print(re.split(r"[.;]", "a.b;c."))
print(re.split(r"z", "abc"))

# %%
pattern = re.compile(r"(?P<key>\w+):\s*(?P<value>\d+)")
print(pattern)
print(pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex)
m = pattern.search("width: 80, height: 24")
print(m.group("key"), m["value"], m.group("key", "value"))
print(m.groupdict())
print(m.lastindex, m.lastgroup)
print(pattern.findall("width: 80, height: 24"))
print(pattern.sub(r"\g<value>=\g<key>", "width: 80, height: 24"))
print(re.compile(r"a+", re.IGNORECASE))
print(re.compile(r"x", re.I | re.M | re.S))
print(re.compile("x", re.X | re.ASCII))
print(repr(re.compile("it's")))

# %%
p = re.compile(r"\d")
print(p.search("a1b2c3", 2))
print(p.search("a1b2c3", 2, 3))
print(p.match("a1b2", 1))
print(p.match("a1b2", 0))
print(p.findall("123456", 1, 4))
m = re.compile(r"^b").search("ab", 1)
print(m)
m = re.compile(r"b$").search("abc", 0, 2)
print(m, m.pos, m.endpos)
print(re.compile(r"(?<=a)b").search("ab", 1))

# %%
print(re.findall(r"[a-z]+", "Hello World", re.IGNORECASE))
print(re.findall(r"[a-z]+", "Hello World", flags=re.I))
print(re.findall(r"^\w+", "one two\nthree four\nfive", re.MULTILINE))
print(re.findall(r"\w+$", "one two\nthree four\n", re.M))
print(re.search(r"a.c", "a\nc"), re.search(r"a.c", "a\nc", re.DOTALL))
print(re.search(r"(?i)hello", "Say HELLO"))
print(re.search(r"a(?i:b)c", "aBc"), re.search(r"a(?i:b)c", "aBC"))
print(re.search(r"(?s)a.b", "a\nb"))
print(re.search(r"(?m)^b", "a\nb"))

# %%
phone = re.compile(r"""
    (\d{3})   # area code
    [-.\s]?   # optional separator
    (\d{4})   # number
""", re.VERBOSE)
print(phone.search("call 555-1234 today").groups())
print(phone.search("call 555 1234 today").groups())
print(re.search(r"(?x) a b c  # letters", "xabcx"))

# %%
print(re.findall(r"\w+", "café naïve 日本語 ok_1"))
print(re.findall(r"\w+", "café naïve", re.ASCII))
print(re.findall(r"\d", "1٢3"), re.findall(r"\d", "1٢3", re.A))
print(re.search(r"é+", "xééy"))
print(re.search(r"😀+", "a😀😀b").span())
m = re.search(r"(\w+)!", "héllo wörld!")
print(m, m.span(1), m.start(1))
print(re.sub(r"ö", "oe", "schön größer"))
print(re.split(r"🍎", "a🍎b🍎c"))
print(re.findall(r"[à-ÿ]", "voilà déjà"))
print(re.search(r"ÉTÉ", "un été", re.I))

# %%
print(re.search(r"$", "abc\n").span())
print(re.search(r"c$", "abc\n"))
print(re.search(r"c\Z", "abc\n"))
print(re.search(r"\Aab", "ab"), re.search(r"\Ab", "ab"))
print(re.findall(r"$", "a\nb\n"), re.findall(r"$", "a\nb\n", re.M))
print(re.search(r"\bcat\b", "concat cat category").span())
print(re.findall(r"\Bo\B", "foo boot"))
print(re.search(r"\b", ""), re.search(r"\B", ""), re.search(r"^$", ""))

# %%
print(re.search(r"a{2}", "caaat"))
print(re.search(r"a{2,}", "caaaat"))
print(re.search(r"a{,2}b", "aaab"))
print(re.search(r"a{1,2}?", "aaa"))
print(re.search(r"x{", "ax{"))
print(re.search(r"a{x}", "a{x}"))
print(re.search(r"{}", "a{}b"), re.search(r"x{,}", "axxx"))
try:
    re.compile(r"{1}")
except re.error as e:
    print(type(e).__name__, e)
print(re.search(r"a{1,x}", "a{1,x}"))
print(re.search(r"<.*>", "<a><b>"), re.search(r"<.*?>", "<a><b>"))
print(re.search(r"(ab)+", "ababab").group(1))
print(re.search(r"(?:ab)+?", "ababab"))

# %%
print(re.search(r"(?<=\$)\d+(\.\d\d)?", "price: $42.50"))
print(re.search(r"(?<!\w)cat", "bobcat cat"))
print(re.findall(r"\w+(?=!)", "hi! hey? yo!"))
print(re.findall(r"\b\w+\b(?!\()", "f(x) g y(z)"))
print(re.search(r"(\w)\1", "abccd"))
print(re.search(r"(?P<q>['\"]).*?(?P=q)", "say 'hi' now"))
print(re.search(r"(a)?(?(1)b|c)", "c"), re.search(r"(a)?(?(1)b|c)", "ab"))
print(re.search(r"(?>a+)b", "aaab"), re.search(r"a++a", "aaa"))
print(re.search(r"(?#a comment)xy", "wxyz"))

# %%
print(re.search(r"[^abc]+", "abcdef"))
print(re.search(r"[\d.]+", "version 1.25!"))
print(re.search(r"[]a]+", "x]a]"))
print(re.search(r"[a-]+", "x-a-"))
print(re.search(r"[\w-]+", "snake-case_word!"))
print(re.search(r"[\s]+", "a \t\nb").span())
print(re.findall(r"[^\W\d]+", "abc123def"))
print(re.findall(r"[A-Fa-f0-9]{2}", "ff 0A zz"))
print(re.search(r"[\]]", "a]"))
print(re.search(r"[.]", "a.b"))

# %%
m = re.match(r"(a)(b)?(c)?", "ac")
print(m.groups(), m.groups(""), m.group(2), m.span(2), m.start(2))
print(m.lastindex)
print(re.match(r"(a*)*", "b").groups())
print(re.match(r"(a|(b))*", "ba").groups())
print(re.match(r"((a)b)", "ab").lastindex, re.match(r"(a)(b)", "ab").lastindex)
print(re.match(r"(?P<x>a)|(?P<y>b)", "b").groupdict())
print(re.match(r"(?P<x>a)|(?P<y>b)", "b").groupdict("missing"))
m = re.match(r"(?P<first>\w+) (?P<last>\w+)", "Jane Doe")
print(m.expand(r"\g<last>, \g<first>"), m.expand(r"\2 \1"))
print(m.regs)

# %%
m = re.search(r"(\d+)", "abc 123")
try:
    m.group(2)
except IndexError as e:
    print(type(e).__name__, e)
try:
    m.group("name")
except IndexError as e:
    print(type(e).__name__, e)
try:
    re.sub(r"(a)", r"\2", "a")
except re.error as e:
    print(type(e).__name__, e)
try:
    re.sub(r"(a)", r"\g<name>", "a")
except IndexError as e:
    print(type(e).__name__, e)
try:
    re.search("a", 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    re.compile(re.compile("a"), re.I)
except ValueError as e:
    print(type(e).__name__, e)

# %%
bad_patterns = ["(abc", "abc)", "*a", "a**", "[abc", "a{3,2}", r"\q", "(?P<1>a)",
                "(?P=x)", "(?<=a+)b", "a(?i)b", "(?z)", "[z-a]", "\\", "(?P<a>x)(?P<a>y)",
                "(?#abc", r"\2(a)", "a\n(b", r"\x4", "a|*", "^*"]
for bad in bad_patterns:
    try:
        re.compile(bad)
        print("compiled", repr(bad))
    except re.error as e:
        print(repr(bad), "->", e)

# %%
try:
    re.compile("a\n  (b")
except re.error as e:
    print(e.msg, e.pos, e.lineno, e.colno)
    print(repr(e.pattern))
    print(isinstance(e, Exception), type(e).__name__)
err = re.error("custom problem", "xyz", 1)
print(err, err.args)
print(re.error("just a message"))

# %%
print(re.escape("1.5*2 (approx) [ok]?"))
print(re.escape("a-b_c d"))
print(re.escape("price: $5 ^ 2"))
words = ["a.b", "c+d"]
alternation = "|".join(re.escape(w) for w in words)
print(alternation, re.findall(alternation, "a.b or c+d or axb"))
re.purge()
print(re.compile("abc") == re.compile("abc"))
print(re.compile("abc") == re.compile("abc", re.I))

# %%
print(re.I, re.IGNORECASE, re.M | re.I)
print(int(re.I), int(re.M), int(re.S), int(re.X), int(re.A))
print(re.I | re.M | re.S)
flags = re.I | re.X
print(flags & re.I, bool(flags & re.M))
print(re.compile("a", flags).flags)
print(re.compile("(?i)a").flags, re.compile("a").flags)
print(re.NOFLAG, re.I == 2)

# %%
log = """2024-01-05 ERROR disk full
2024-01-05 INFO started
2024-01-06 WARNING low memory
2024-01-07 ERROR timeout"""
line_re = re.compile(r"^(?P<date>\S+) (?P<level>[A-Z]+) (?P<msg>.*)$", re.MULTILINE)
errors = [m["msg"] for m in line_re.finditer(log) if m["level"] == "ERROR"]
print(errors)
counts = {}
for m in line_re.finditer(log):
    counts[m.group("level")] = counts.get(m.group("level"), 0) + 1
print(counts)
print(line_re.sub(r"\g<level>: \g<msg>", log))

# %%
def parse_gender(gender):
    female = r"^f$|f.m|w.m"
    male = r"^m$|ma|m.l"
    if re.search(female, gender.lower()):
        return "Female"
    elif re.search(male, gender.lower()):
        return "Male"
    return "Unknown"

for raw in ["F", "female", "Woman", "M", "male", "Man", "x"]:
    print(raw, parse_gender(raw))

line = "    inet 192.168.1.23  netmask 255.255.255.0"
span = re.search("inet ([0-9]+\.){3}[0-9]+", line).span()
print(span, line[span[0] + 5:span[1]])

# %%
processors = [(r"\.md$", "markdown"), (r"\.py$", "python"), (r"\.(jpe?g|png)$", "image")]
for suffix in [".md", ".py", ".jpeg", ".png", ".txt"]:
    chosen = [name for pattern, name in processors if re.match(pattern, suffix)]
    print(suffix, chosen)
target = re.match(r'^([a-zA-Z_-]+):.*?## (.*)$', "build: deps ## Build the project")
print(target.groups())
