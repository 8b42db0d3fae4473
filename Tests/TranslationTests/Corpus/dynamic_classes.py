# %%
class Animal:
    kingdom = "animalia"
    count = 0

    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound
        Animal.count += 1

    def speak(self):
        return f"{self.name} says {self.sound}"

    def __repr__(self):
        return f"Animal({self.name!r})"

cat = Animal("Tom", "meow")
dog = Animal("Rex")
print(cat.speak(), dog.speak(), Animal.count, cat.kingdom)
print([cat, dog])
# %%
class Dog(Animal):
    def __init__(self, name, tricks=None):
        super().__init__(name, "woof")
        self.tricks = tricks or []

    def speak(self):
        return super().speak() + "!"

    def add_trick(self, trick):
        self.tricks.append(trick)
        return self

d = Dog("Fido").add_trick("sit").add_trick("roll")
print(d.speak(), d.tricks, isinstance(d, Animal), issubclass(Dog, Animal), type(d).__name__)
print(Dog.__mro__[1].__name__, Animal.count)
# %%
class Temperature:
    def __init__(self, celsius):
        self._celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._celsius = value

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.celsius = 100
print(t.fahrenheit)
try:
    t.celsius = -300
except ValueError as err:
    print("error:", err)
# %%
class Pizza:
    def __init__(self, toppings):
        self.toppings = toppings

    @classmethod
    def margherita(cls):
        return cls(["mozzarella", "tomato"])

    @staticmethod
    def area(radius):
        return round(3.14159 * radius ** 2, 1)

    def __str__(self):
        return "Pizza with " + ", ".join(self.toppings)

print(Pizza.margherita(), Pizza.area(10), Pizza(["ham"]))
# %%
class Stack:
    def __init__(self):
        self._items = []

    def push(self, item):
        self._items.append(item)

    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return bool(self._items)

s = Stack()
for i in range(3):
    s.push(i * i)
print(len(s), s.pop(), len(s), bool(s))
while s:
    s.pop()
try:
    s.pop()
except IndexError as e:
    print(type(e).__name__, e)
# %%
class Shape:
    def area(self):
        raise NotImplementedError

class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h

class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return round(3.14159 * self.r ** 2, 2)

shapes = [Rect(2, 3), Circle(1), Rect(1.5, 2)]
print([s.area() for s in shapes], sum(s.area() for s in shapes))
try:
    Shape().area()
except NotImplementedError:
    print("abstract")
# %%
class Counter:
    instances = []
    def __init__(self):
        self.value = 0
        Counter.instances.append(self)
    def __call__(self, step=1):
        self.value += step
        return self.value

c = Counter()
c()
c(5)
print(c.value, len(Counter.instances), callable(c), callable(3))
# %%
class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next

head = Node(1, Node(2, Node(3)))
node = head
values = []
while node is not None:
    values.append(node.value)
    node = node.next
print(values)
# %%
class Account:
    interest = 0.02
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("amount must be positive")
        self.balance += amount
    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"

acct = Account("ada")
acct.deposit(100)
print(acct, acct.balance * (1 + Account.interest), hasattr(acct, "owner"), getattr(acct, "missing", "none"))
setattr(acct, "nickname", "A")
print(acct.nickname, vars(acct))
# %%
class Base:
    def hello(self):
        return "base"
class Left(Base):
    def hello(self):
        return "left+" + super().hello()
class Right(Base):
    def hello(self):
        return "right+" + super().hello()
class Both(Left, Right):
    pass
print(Both().hello(), [k.__name__ for k in Both.__mro__])
# %%
class Meta:
    class Inner:
        label = "inner"
    def make(self):
        return self.Inner()
print(Meta().make().label, Meta.Inner.__name__)
# %%
class Money:
    def __init__(self, cents):
        self.cents = cents

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents == other.cents

print(Money(5) == Money(5), Money(5) == 5, 5 == Money(5), Money(5) != "5", Money(1) != Money(2))
coins = [Money(1), Money(2)]
print(Money(2) in coins, 2 in coins, coins.count(Money(1)))
# %%
class Tracker:
    latest = None
    total = 0
    registry = {}

    def __new__(cls, name):
        if cls.latest is None:
            cls.latest = super().__new__(cls)
        cls.total += 1
        cls.registry[name] = cls.total
        return cls.latest

first = Tracker("a")
second = Tracker("b")
print(first is second, Tracker.total, Tracker.registry, Tracker.latest is first)
# %%
class Only(type):
    made = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls.made:
            cls.made[cls] = super(Only, cls).__call__(*args, **kwargs)
        return cls.made[cls]

class Settings(metaclass=Only):
    def __init__(self, level="info"):
        self.level = level

print(Settings("debug") is Settings("warn"), Settings().level)
# %%
numbers = iter([3, 1, 4, 1, 5, 0, 9])
print(list(iter(lambda: next(numbers), 0)))

def countdown():
    yield 2
    yield 1

gen = countdown()
next(gen); next(gen)
try:
    next(gen)
except StopIteration as stop:
    print(repr(stop), stop.value)
error = ValueError("bad")
print(hasattr(error, "__notes__"))
error.add_note("checked twice")
print(error.__notes__)
