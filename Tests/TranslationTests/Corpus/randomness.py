# %%
import random

random.seed(42)
print(random.random())
print(random.randint(1, 100), random.randint(1, 100))
print(random.choice(["red", "green", "blue"]))
print(random.uniform(1, 2))
# %%
random.seed(7)
deck = list(range(10))
random.shuffle(deck)
print(deck)
print(random.sample(range(100), 5))
print(random.randrange(0, 50, 5))
# %% stderr
import logging

logging.basicConfig(level=logging.INFO, format="%(levelname)s:%(name)s:%(message)s")
logging.info("starting %s", "work")
logging.debug("hidden")
logging.warning("careful: %d left", 3)
log = logging.getLogger("worker")
log.error("failed once")
