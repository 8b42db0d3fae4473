match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case ["go", direction] | ["move", direction]:
        pass
    case [1, *rest]:
        pass
    case [*_, last]:
        pass
    case {"x": x, "y": y, **rest}:
        pass
    case {1: _, 'k': [a, b], None: n, True: t, -1: m, a.b: c}:
        pass
    case Point(x=0, y=0):
        pass
    case Point(1, 2, z=3):
        pass
    case mod.Point():
        pass
    case _:
        pass
match x:
    case 1 | 2 | 3:
        pass
    case -1:
        pass
    case 1.5 | -2.5:
        pass
    case 1 + 2j | -1 - 2j:
        pass
    case 'string' | b'bytes':
        pass
    case None | True | False:
        pass
    case a.b.c:
        pass
    case (x as y):
        pass
    case [x, y] as pair if x > y:
        pass
    case ():
        pass
    case []:
        pass
    case (a,):
        pass
    case (a, b, *c):
        pass
    case a, b:
        pass
    case a, *b:
        pass
    case {}:
        pass
    case str() as s:
        pass
    case x if x:
        pass
match a, b:
    case c, d: pass
match *a, b:
    case _: pass
match = 1
match.x = 2
match[0] = 3
match(x)
case = 4
_ = 5
