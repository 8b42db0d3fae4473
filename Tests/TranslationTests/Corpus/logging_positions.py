# %% stderr
import logging

logging.basicConfig(level=logging.INFO,
                    format="%(filename)s:%(lineno)d %(funcName)s %(module)s %(levelname)s %(message)s")


def load(count):
    logging.info("loading %d rows", count)
    if count > 2:
        logging.warning("large batch")
    return count * 2


logging.info("start")
total = load(1) + load(3)
log = logging.getLogger("app")
log.error("total %d", total)
# %%
import logging
import sys

report = logging.getLogger("report")
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(logging.Formatter("[%(lineno)3d] %(funcName)-10s %(filename)s %(module)s | %(message)s"))
report.addHandler(handler)
report.propagate = False
report.setLevel(logging.DEBUG)


class Pipeline:
    def __init__(self, steps):
        self.steps = steps
        report.debug("built with %d steps", len(steps))

    def run(self):
        for step in self.steps:
            report.info("step %s", step)
        finish = lambda: report.info("finished")
        finish()


def traced(function):
    def wrapper(*args):
        report.info("calling %s", function.__name__)
        result = function(*args)
        report.info("returned %r", result)
        return result
    return wrapper


@traced
def area(width, height):
    report.debug("computing")
    return width * height


Pipeline(["parse", "check"]).run()
area(3, 4)
report.info("back at the top")
# %%
def nested():
    def inner():
        report.warning("deep inside")
    inner()
    report.warning("after inner")


area(2, 5)
nested()
report.info("third snippet")
# %%
import logging
import sys
import threading

threads_log = logging.getLogger("threads")
out = logging.StreamHandler(sys.stdout)
out.setFormatter(logging.Formatter("%(funcName)s:%(lineno)d %(threadName)s %(message)s"))
threads_log.addHandler(out)
threads_log.propagate = False


def worker(n):
    threads_log.warning("worker %d", n)


thread = threading.Thread(target=worker, args=(1,), name="T1")
thread.start()
thread.join()
threads_log.warning("joined")
record = logging.LogRecord("manual", logging.INFO, "somewhere.py", 7, "made by hand", None, None)
print(record.lineno, record.filename, record.module, record.funcName)
