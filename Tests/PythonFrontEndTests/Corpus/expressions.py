a + b * c - d / e // f % g @ h ** i ** j
-a ** -b; ~a; +a; not a; not not a; - - a
a | b ^ c & d << e >> f
a < b <= c > d >= e == f != g is h is not i in j not in k
a and b or c and not d
a if b else c if d else e
lambda: 0; lambda x: x; lambda x, y=1, *a, k, m=2, **kw: x; lambda *, k: k; lambda a, /, b: a
(x := 5); [y := 1, y ** 2]; f(z := 3)
[]; [1]; [1, 2,]; (); (1,); (1, 2); 1, 2; {}; {1: 2}; {1, 2}; {**a, 'b': 1, **c}; {*a, *b}
[*a, *b]; (*a, b); *a, b = c
[x for x in y]; [x for x in y if x if z for w in x]; {x for x in y}; {k: v for k, v in d.items()}
(x for x in y); list(x for x in y); f(x for x in y)
[x async for x in y]
a.b.c; a[1]; a[1:2]; a[::2]; a[:]; a[1:2, 3]; a[...]; a[:, None]; a[1:2:3]; a[*b]; a[b, *c]
f(); f(a); f(a, b=1); f(*a); f(**k); f(*a, *b, c=1, **d); f(a)(b)(c); f(a=1, *b)
await x; (yield); (yield x); (yield from x)
x = yield; x = yield a, b
a.b[c](d).e
'str'.join(x)
1 .real
None; True; False; ...
(a)
((a, b))
x[a:=1] if False else 0
