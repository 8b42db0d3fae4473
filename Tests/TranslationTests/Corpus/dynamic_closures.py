# %%
def make_counter():
    count = 0
    def increment():
        nonlocal count
        count += 1
        return count
    return increment

counter = make_counter()
counter()
counter()
print(counter(), make_counter()())
# %%
def multiplier(factor):
    return lambda x: x * factor

double, triple = multiplier(2), multiplier(3)
print(double(5), triple(5), [multiplier(n)(2) for n in range(4)])
# %%
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
fixed = [lambda i=i: i for i in range(3)]
print([f() for f in fixed])
# %%
total = 0
def add_to_total(n):
    global total
    total += n

for n in [1, 2, 3]:
    add_to_total(n)
print(total)
# %%
x = "global"
def outer():
    x = "enclosing"
    def inner():
        return x
    return inner()
print(outer(), x)
# %%
def make_accumulator(start):
    items = [start]
    def add(item):
        items.append(item)
        return list(items)
    return add

acc = make_accumulator(0)
acc(1)
print(acc(2))
# %%
def bank_account(balance):
    def deposit(amount):
        nonlocal balance
        balance += amount
        return balance
    def withdraw(amount):
        nonlocal balance
        if amount > balance:
            return "insufficient"
        balance -= amount
        return balance
    return deposit, withdraw

dep, wd = bank_account(100)
print(dep(50), wd(500), wd(30))
# %%
counter_value = 10
def read_then_assign():
    try:
        print(counter_value)
        counter_value = 5
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
read_then_assign()
# %%
def compose(*functions):
    def composed(value):
        for f in reversed(functions):
            value = f(value)
        return value
    return composed

inc = lambda v: v + 1
sq = lambda v: v * v
print(compose(inc, sq)(3), compose(sq, inc)(3))
# %%
def outer_fn():
    messages = []
    def log(msg):
        messages.append(msg)
    log("a")
    log("b")
    return messages
print(outer_fn())
