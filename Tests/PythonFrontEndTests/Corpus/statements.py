import os
import os.path as p, sys
import concurrent.futures
from . import x
from .. import y as z
from ...pkg.mod import (a, b as c,)
from mod import *
from .mod import n
x = 1
x = y = z = 2
a, b = b, a
[a, *rest] = items
(a, b), c = d
x.y = 1
x[0] = 1
x += 1; x -= 1; x *= 2; x /= 2; x //= 2; x %= 2; x **= 2; x @= m; x &= 1; x |= 1; x ^= 1; x <<= 1; x >>= 1
x: int
x: int = 5
(x): int = 5
x.y: str
x[0]: float = 1.0
del x
del x, y[0], z.w
del (a, b), [c]
assert x
assert x, "message"
raise
raise E
raise E("x") from err
global g1, g2
pass
def f():
    nonlocal q
    return
def g():
    return 1, 2
def h():
    yield
    yield 1
    yield from range(3)
    x = yield 2
    return *a, b
for i in range(10):
    if i % 2:
        continue
    elif i > 8:
        break
    else:
        pass
else:
    print('done')
for a, b in pairs: pass
for (a, b) in pairs: pass
for x, in y: pass
while True:
    break
else:
    pass
while x := next(it): pass
if a: pass
elif b: pass
elif c: pass
else: pass
with open(p) as f, open(q) as g:
    pass
with (open(p) as f, open(q) as g,):
    pass
with (a, b):
    pass
with (a, b) as c:
    pass
with a as (b, c):
    pass
with (yield):
    pass
with a: pass
try:
    pass
except ValueError:
    pass
except (TypeError, KeyError) as e:
    pass
except:
    pass
else:
    pass
finally:
    pass
try:
    pass
finally:
    pass
try:
    pass
except* ValueError as eg:
    pass
except* (TypeError, KeyError):
    pass
x = 1; y = 2;
if x: y = 1; z = 2
if x:
    y = 1;
while x: x -= 1;
