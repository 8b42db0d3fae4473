# %%
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance

    def deposit(self, amount):
        self.balance += amount
        return self.balance

    def __str__(self):
        return f"{self.owner}: {self.balance}"

acct = Account("ada")
acct.deposit(50)
print(acct.deposit(25))
print(acct)
print(acct.owner, acct.balance)
# %%
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

    def distance_squared(self, other):
        return (self.x - other.x) ** 2 + (self.y - other.y) ** 2

p = Point(1, 2)
q = Point(4, 6)
print(p, q, [p, q])
print(p.distance_squared(q))
# %%
class Counter:
    def __init__(self):
        self.count = 0
        self.history = []

    def tick(self, label):
        self.count += 1
        self.history.append(label)

c = Counter()
for word in ["a", "b", "c"]:
    c.tick(word)
print(c.count, c.history)
# %%
class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, name, quantity):
        self.items[name] = self.items.get(name, 0) + quantity

    def total(self):
        return sum(self.items.values())

stock = Inventory()
stock.add("apple", 3)
stock.add("pear", 2)
stock.add("apple", 1)
print(stock.items, stock.total())
