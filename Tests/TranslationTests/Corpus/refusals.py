# %% refused
data = open("notes.txt").read()
print(data)
# %% refused
import requests
print(requests.get("https://example.com").status_code)
# %% refused
import subprocess
subprocess.run(["ls"])
# %% refused
print(eval("1 + 2"))
# %%
command = "go"
match command:
    case "go":
        print("going")
# %%
print("a cell after refused ones still runs")
# %% refused
print(data.upper())
# %%
class Base:
    def __init__(self):
        self.x = 1

class Child(Base):
    pass
# %% refused
import os
print(os.listdir("."))
# %%
unused = 1
del unused
