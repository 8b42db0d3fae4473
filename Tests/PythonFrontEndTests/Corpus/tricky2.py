f"{f'{x}'}"; f'{x!r}' if 0 else rb''; Rb'\n'; bR'\t'; F'{x}'; fR'\d{x}'; Rf'{x}\n'
{k: v for k, v in items if v if k}; {x for x in y if x}; [y for x in z if (y := f(x))]
a[b:=1]; a[1:2:]; a[::]; a[:-1]; a[-1:]
lambda x=1, *, y=2: x if y else z
a < b == c is not d not in e
async def g():
    return [await x async for x in y], {await a: b async for a in c}, (await q for q in r)
def outer():
    x = 1
    def inner():
        nonlocal x
        global y
        x += 1
    return inner
x = *a, *b
for x, *y in z: pass
print(*a, sep='', **k)
t = 1,
(a for b in c for d in e if f)
x = [
    1,  # comment inside brackets
    2,
]
if True:
    pass
    # trailing comment at deeper indent
# dedent after comment
y = 0xDEAD_BEEF + 0o17 + 0B11 + 1E3 + 1_2.3_4J
z = 'a' 'b' \
    'c'
class A(B, metaclass=M):
    '''doc'''
    @staticmethod
    def s(): return
    @property
    def p(self) -> int: return 1
try:
    raise ValueError from None
except (A, B):
    pass
except C as e:
    raise
while (n := n - 1) > 0:
    continue
with a as b.c, d as e[0]:
    pass
del a[0], a.b, (c, d)
assert (a, 'always true tuple')
x = not a == b
x = -a ** -b
x = a if not b else c
x = (yield)
x = [*range(3), *'abc']
x = {**a, **b}
x = f'{a:{b}{c}}'
x = f'{a!s:}'
x = f'{"a" if x else "b"}'
x = f"{x:{'>'}10}"
x = f'{x = !r:>10}'
x = f'''{
    x
}'''
x = f'{x:\n}'
