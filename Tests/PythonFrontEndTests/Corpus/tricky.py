# Comments and blank lines

	# tab-indented comment
if x:
	y = 1  # tab indentation
	if y:
		z = 2
x = [1,
     2,
  3]
y = (a +
b)
z = 1 + \
    2
s = ('implicit'
     'concatenation')
if (a and
        b):
    pass
def f(
    a,
    b,
):
    pass
x = {
    'a': 1,
    'b': [
        2, 3,
    ],
}
print('hello', end='')
1if x else 2
x = 1;
ﬁx = 1
café = 2
_private = __dunder__ = 3
print(x) if x else None
x = not -1
x = -1 ** 2
x = a if b else(c)
x = [i for i in range(3)][0]
x = (1)(2)
@property
def g(self): return self._g
class K:

    def m(self):

        return 1

    x = 2
while 0:
    pass
x = a[
    1
]
x = r'''raw
triple'''
y = f(**{'a': 1})
z = print
print
