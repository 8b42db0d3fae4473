@decorator
@decorator.attr(1)
@(lambda f: f)
@a[0].b
def f(a, b: int = 1, *args: str, c, d: float = 2.0, **kwargs) -> None:
    """Docstring."""
    pass
def posonly(a, b, /, c, *, d): pass
def posonly_defaults(a=1, /, b=2): pass
def star_only(*, a=1, b): pass
def varargs(*args, **kw): pass
def nothing(): ...
async def coro(x):
    await x
    async for i in x:
        pass
    else:
        pass
    async with x as y, z:
        pass
    return [i async for i in x if await i]
@dec
async def decorated(): pass
class A: pass
class B(A): pass
class C(A, B, metaclass=M, **kw):
    x = 1
    def method(self):
        return self.x
@dataclass(frozen=True)
class D:
    x: int
    y: str = 'a'
class E(): pass
class F(*bases): pass
def annotated(x: 'str', y: list[int] = [], *z: *Ts) -> dict[str, int]: pass
lambda: (yield)
