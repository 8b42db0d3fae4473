# %%
from datetime import date, datetime, time, timedelta, timezone

d = date(2024, 1, 15)
print(d)
print(repr(d))
print(d.year, d.month, d.day)
print(d.weekday(), d.isoweekday())
print(d.isoformat(), d.toordinal())
print(d.isocalendar())
print(d.isocalendar()[1], d.isocalendar().week)
# %%
import datetime

birthday = datetime.date(1990, 5, 17)
print(birthday.strftime("%A, %B %d, %Y"))
print(birthday.strftime("%a %b %j %y %%"))
print(f"{birthday:%d/%m/%Y}")
print(f"{birthday}")
print(format(birthday, ""))
print(birthday.ctime())
print(datetime.MINYEAR, datetime.MAXYEAR)
print(type(birthday), type(birthday).__name__)
# %%
from datetime import date

for args in [(2024, 13, 1), (0, 1, 1), (2023, 2, 29), (2024, 4, 31), (10000, 1, 1)]:
    try:
        date(*args)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    date(2024.0, 1, 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    date("2024", 1, 1)
except TypeError as e:
    print(type(e).__name__, e)
print(date(2024, 2, 29))
# %%
from datetime import timedelta

print(repr(timedelta(days=-1, seconds=86399)))
print(timedelta(days=-1, seconds=86399))
print(repr(timedelta(seconds=-1)))
print(timedelta(seconds=-1))
print(repr(timedelta(0)), timedelta(0))
print(repr(timedelta(hours=25, minutes=61)))
print(timedelta(hours=25, minutes=61))
print(timedelta(days=2, microseconds=5))
print(timedelta(weeks=1, days=1, hours=1, minutes=1, seconds=1, milliseconds=1, microseconds=1))
print(repr(timedelta(days=-3, hours=-4)))
print(timedelta(days=-3, hours=-4))
# %%
from datetime import timedelta

print(repr(timedelta(seconds=1.5e-6)), repr(timedelta(seconds=2.5e-6)))
print(repr(timedelta(minutes=0.1)), repr(timedelta(hours=1.5)))
print(repr(timedelta(days=0.1)), repr(timedelta(days=1/3)))
print(repr(timedelta(milliseconds=-1.5)), repr(timedelta(microseconds=0.5)), repr(timedelta(microseconds=1.5)))
print(repr(timedelta(weeks=0.5, days=-0.25)))
print(timedelta(hours=2).total_seconds(), timedelta(days=1, microseconds=1).total_seconds())
print(timedelta(microseconds=-1).total_seconds())
# %%
from datetime import timedelta

week = timedelta(weeks=1)
day = timedelta(days=1)
print(repr(week + day), repr(week - day), repr(day - week))
print(repr(day * 3), repr(3 * day), repr(day * 1.1), repr(day * (2 / 3)))
print(repr(day / 3), repr(day / 7), repr(timedelta(seconds=1) / 3), repr(timedelta(microseconds=5) / 2))
print(repr(timedelta(microseconds=7) / 2), repr(timedelta(seconds=1) * 0.5))
print(week / day, day / week, week // day, timedelta(hours=5) // timedelta(hours=2))
print(repr(day // 5), repr(timedelta(hours=5) % timedelta(hours=2)))
print(divmod(timedelta(hours=5), timedelta(hours=2)))
print(repr(-day), repr(+day), repr(abs(timedelta(days=-2))))
print(bool(timedelta(0)), bool(timedelta(microseconds=1)))
# %%
from datetime import timedelta

day = timedelta(days=1)
for thing in [lambda: day // 0, lambda: day / 0, lambda: day / timedelta(0), lambda: day % timedelta(0), lambda: day + 1, lambda: day * "a" if False else day * None]:
    try:
        thing()
    except (ZeroDivisionError, TypeError) as e:
        print(type(e).__name__, e)
try:
    timedelta(days=1000000000)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    timedelta(hours="1")
except TypeError as e:
    print(type(e).__name__, e)
print(repr(timedelta.max), repr(timedelta.min), repr(timedelta.resolution))
# %%
from datetime import timedelta

print(timedelta(hours=1) == timedelta(minutes=60), timedelta(1) != timedelta(2))
print(timedelta(1) < timedelta(2), timedelta(1) >= timedelta(hours=24))
print(timedelta(1) == 1, timedelta(0) == 0)
try:
    timedelta(1) < 5
except TypeError as e:
    print(type(e).__name__, e)
durations = [timedelta(hours=3), timedelta(minutes=30), timedelta(days=1), timedelta(seconds=-10)]
print(sorted(durations))
print(max(durations), min(durations))
print(sum(durations, timedelta()))
print(hash(timedelta(1)) == hash(timedelta(hours=24)))
# %%
from datetime import datetime, timedelta

moment = datetime(2024, 3, 10, 14, 30)
print(moment)
print(repr(moment))
print(repr(datetime(2024, 3, 10)), repr(datetime(2024, 3, 10, 1, 2, 3)), repr(datetime(2024, 3, 10, 1, 2, 3, 4)))
print(moment.hour, moment.minute, moment.second, moment.microsecond, moment.tzinfo)
print(moment.date(), moment.time(), repr(moment.time()))
print(moment.isoformat(), moment.isoformat(" "), moment.isoformat(timespec="minutes"))
print(datetime(2024, 3, 10, 1, 2, 3, 456789).isoformat(timespec="milliseconds"))
print(str(datetime(2024, 3, 10, 1, 2, 3, 4500)))
print(moment.weekday(), moment.isocalendar(), moment.toordinal())
print(moment.ctime())
# %%
from datetime import datetime

moment = datetime(2009, 7, 4, 21, 5, 9, 123456)
print(moment.strftime("%Y-%m-%d %H:%M:%S.%f"))
print(moment.strftime("%I:%M %p on %A, %d %B %Y"))
print(moment.strftime("%a %b %y %j %U %W %w %u"))
print(moment.strftime("[%z] [%Z] %%"))
print(datetime(2024, 1, 1, 0, 5).strftime("%I %p"), datetime(2024, 1, 1, 12, 5).strftime("%I %p"))
print(datetime(2024, 12, 30).strftime("%G-W%V-%u"), datetime(2021, 1, 3).strftime("%G-W%V-%u %U %W"))
print(f"{moment:%H:%M}", f"{moment}")
# %%
from datetime import datetime

print(repr(datetime.strptime("2024-03-05", "%Y-%m-%d")))
print(repr(datetime.strptime("05/03/24 7:08 PM", "%d/%m/%y %I:%M %p")))
print(repr(datetime.strptime("12 AM", "%I %p")), repr(datetime.strptime("12 pm", "%I %p")))
print(repr(datetime.strptime("Tuesday 5 March 2024", "%A %d %B %Y")))
print(repr(datetime.strptime("mar 5 2024 10:11:12.5", "%b %d %Y %H:%M:%S.%f")))
print(repr(datetime.strptime("2024-03-05T10:00:00+0530", "%Y-%m-%dT%H:%M:%S%z")))
print(repr(datetime.strptime("2024-03-05 10:00 Z", "%Y-%m-%d %H:%M %z")))
print(repr(datetime.strptime("2024 70", "%Y %j")))
print(repr(datetime.strptime("69", "%y")), repr(datetime.strptime("68", "%y")))
print(repr(datetime.strptime("112", "%m%d")))
print(repr(datetime.strptime("2024-W01-1", "%G-W%V-%u")), repr(datetime.strptime("2021 53 Sun", "%G %V %a")))
print(repr(datetime.strptime("2024 10 3", "%Y %W %w")), repr(datetime.strptime("2024 00 0", "%Y %U %w")))
for text, pattern in [("2024 01", "%G %V"), ("2024 01 1", "%Y %V %u")]:
    try:
        datetime.strptime(text, pattern)
    except ValueError as e:
        print(type(e).__name__, e)
for text, pattern in [("2024-13-01", "%Y-%m-%d"), ("2024-12-01xyz", "%Y-%m-%d"), ("2024-02-30", "%Y-%m-%d"), ("2024", "%Q")]:
    try:
        datetime.strptime(text, pattern)
    except ValueError as e:
        print(type(e).__name__, e)
# %%
from datetime import date, datetime, time

print(repr(date.fromisoformat("2024-01-15")), repr(date.fromisoformat("20240115")), repr(date.fromisoformat("2024-W03-1")))
print(repr(datetime.fromisoformat("2024-01-15T10:30:00")))
print(repr(datetime.fromisoformat("2024-01-15 10:30")))
print(repr(datetime.fromisoformat("2024-01-15T10:30:00.123")))
print(repr(datetime.fromisoformat("2024-01-15T10:30:00+02:00")))
print(repr(datetime.fromisoformat("2024-01-15T10:30:00Z")))
print(repr(datetime.fromisoformat("2024-01-15")))
print(repr(time.fromisoformat("10:30")), repr(time.fromisoformat("10:30:15.5")), repr(time.fromisoformat("T1030")))
for text in ["2024-1-5", "nope", "2024-02-30", "2024-01-05 25:00", "2024-01-05T10:3"]:
    try:
        datetime.fromisoformat(text)
    except ValueError as e:
        print(type(e).__name__, e)
# %%
from datetime import datetime, date, timedelta

start = datetime(2024, 2, 28, 22, 0)
print(start + timedelta(hours=3))
print(start - timedelta(days=60))
print(timedelta(minutes=90) + start)
later = datetime(2024, 3, 1, 6, 15, 30)
gap = later - start
print(gap, repr(gap), gap.total_seconds())
print(start - later)
print(date(2024, 3, 1) - date(2024, 2, 1), date(2024, 1, 1) + timedelta(days=366))
print(date(2024, 1, 1) + timedelta(hours=47), date(2024, 1, 1) - timedelta(hours=1))
print((date(2025, 12, 25) - date(2025, 1, 1)).days)
for thing in [lambda: date(9999, 12, 31) + timedelta(1), lambda: datetime(1, 1, 1) - timedelta(1), lambda: date(2024, 1, 1) + 1, lambda: date(2024, 1, 1) - "x", lambda: start + start]:
    try:
        thing()
    except (OverflowError, TypeError) as e:
        print(type(e).__name__, e)
# %%
from datetime import datetime, timezone, timedelta

utc = timezone.utc
ist = timezone(timedelta(hours=5, minutes=30))
est = timezone(timedelta(hours=-5), "EST")
print(repr(utc), repr(ist), repr(est))
print(utc, ist, est, timezone(timedelta(0)), repr(timezone(timedelta(0))))
print(repr(timezone(timedelta(0), "UTC")), repr(timezone.min), repr(timezone.max))
print(ist.utcoffset(None), est.tzname(None), est.dst(None))
meeting = datetime(2024, 6, 1, 9, 0, tzinfo=est)
print(meeting, repr(meeting))
print(meeting.astimezone(utc), meeting.astimezone(ist))
print(meeting.utcoffset(), meeting.tzname(), meeting.strftime("%H:%M %z %Z"))
print(meeting.isoformat(), meeting.timestamp())
print(datetime(2024, 6, 1, 14, 0, tzinfo=utc) == meeting, meeting.replace(tzinfo=None))
print(hash(datetime(2024, 6, 1, 14, 0, tzinfo=utc)) == hash(meeting))
print(datetime(2024, 6, 1, 14, 0, tzinfo=utc) - meeting, meeting.timetz())
print(timezone(timedelta(seconds=90)), timezone(timedelta(hours=-1, seconds=-1)))
# %%
from datetime import datetime, timezone, timedelta

for zone in [timedelta(hours=24), 5, timedelta(hours=-25)]:
    try:
        timezone(zone)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
naive = datetime(2024, 1, 1)
aware = datetime(2024, 1, 1, tzinfo=timezone.utc)
print(naive == aware, naive != aware)
for thing in [lambda: naive < aware, lambda: naive - aware, lambda: datetime(2024, 1, 1) < datetime.date(naive), lambda: naive.date() < naive]:
    try:
        thing()
    except TypeError as e:
        print(type(e).__name__, e)
print(naive.date() == naive, naive == naive.date())
try:
    datetime(2024, 1, 1, tzinfo="UTC")
except TypeError as e:
    print(type(e).__name__, e)
# %%
from datetime import datetime, timezone, timedelta

stamp = 1700000000
print(datetime.fromtimestamp(stamp, tz=timezone.utc))
print(datetime.fromtimestamp(stamp, timezone(timedelta(hours=-8))))
print(repr(datetime.fromtimestamp(1700000000.123456, timezone.utc)))
print(repr(datetime.fromtimestamp(-1.5, timezone.utc)))
print(datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc).timestamp())
print(datetime(1970, 1, 1, tzinfo=timezone.utc).timestamp(), datetime(2000, 1, 1, 0, 0, 0, 1, tzinfo=timezone.utc).timestamp())
print(datetime.combine(datetime(2024, 5, 5).date(), datetime(1, 1, 1, 8, 15).time()))
print(repr(datetime.combine(datetime(2024, 5, 5), datetime(1, 1, 1, 8, 15).timetz(), tzinfo=timezone.utc)))
# %%
from datetime import time, timezone, timedelta

alarm = time(7, 30)
print(alarm, repr(alarm), repr(time()), repr(time(7, 30, 0, 5)), repr(time(23, 59, 59)))
print(alarm.isoformat(), alarm.isoformat("seconds"), time(1, 2, 3, 40000).isoformat())
print(alarm.strftime("%H:%M %p"), f"{alarm:%I.%M}")
print(time(9, tzinfo=timezone.utc), repr(time(9, tzinfo=timezone(timedelta(hours=2)))))
print(alarm < time(8), alarm == time(7, 30), sorted([time(12), time(3), time(7, 45)]))
print(alarm.replace(hour=8), bool(time(0)))
for args in [(24,), (1, 60), (1, 1, 60), (1, 1, 1, 1000000)]:
    try:
        time(*args)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    alarm < time(7, tzinfo=timezone.utc)
except TypeError as e:
    print(type(e).__name__, e)
try:
    alarm + timedelta(hours=1)
except TypeError as e:
    print(type(e).__name__, e)
# %%
from datetime import date, datetime

d = date(2024, 1, 31)
print(d.replace(day=1), d.replace(year=2023, month=12))
try:
    d.replace(month=2)
except ValueError as e:
    print(type(e).__name__, e)
dt = datetime(2024, 1, 31, 10, 30)
print(dt.replace(hour=0, minute=0), dt.replace(microsecond=7))
print(repr(date.fromordinal(738000)), date(2024, 1, 1).toordinal(), repr(datetime.fromordinal(1)))
print(repr(date.fromisocalendar(2024, 1, 1)), repr(date.fromisocalendar(2020, 53, 7)))
print(repr(date.min), repr(date.max), repr(datetime.min), repr(datetime.max), date.resolution)
print(isinstance(dt, date), isinstance(d, datetime), issubclass(datetime, date))
# %%
from datetime import date, timedelta

events = {}
events[date(2024, 5, 1)] = "launch"
events[date(2024, 3, 15)] = "beta"
events[date(2024, 1, 10)] = "alpha"
for day in sorted(events):
    print(day, events[day])
print(events[date(2024, 3, 15)])
print(date(2024, 3, 15) in events, date(2024, 3, 16) in events)
print(len({date(2024, 1, 1), date(2024, 1, 1), date(2023, 12, 31) + timedelta(days=1)}))
print(max(events), min(events).strftime("%b %d"))
start = date(2024, 2, 26)
print([str(start + timedelta(days=i)) for i in range(5)])
print([d.strftime("%a") for d in (start + timedelta(days=i) for i in range(7))])
# %%
import datetime

def age_on(birth, today):
    years = today.year - birth.year
    if (today.month, today.day) < (birth.month, birth.day):
        years -= 1
    return years

print(age_on(datetime.date(1990, 6, 15), datetime.date(2024, 6, 14)))
print(age_on(datetime.date(1990, 6, 15), datetime.date(2024, 6, 15)))
config = {"activation_date": "2030-01-01T00:00:00"}
activation = datetime.datetime.fromisoformat(config["activation_date"])
print(activation, datetime.datetime.now() < activation)
provider = datetime.datetime.now
print(type(provider()).__name__, isinstance(datetime.date.today(), datetime.date))
week_number = datetime.datetime.now().isocalendar()[1]
print(datetime.date.today().year >= 2024, week_number >= 1 and week_number <= 53)
cutoff = datetime.datetime.now() - datetime.timedelta(days=365 * 16)
print(type(cutoff.date()).__name__, cutoff < datetime.datetime.now())
print(datetime.datetime(year=2019, month=1, day=1).weekday(), datetime.datetime(year=2019, month=1, day=5).weekday())
print(type(datetime.datetime.utcnow()).__name__, datetime.datetime.now(datetime.timezone.utc).tzinfo)
# %%
from datetime import datetime, timedelta, tzinfo

class FixedOffset(tzinfo):
    def __init__(self, hours, label):
        self.offset = timedelta(hours=hours)
        self.label = label
    def utcoffset(self, dt):
        return self.offset
    def tzname(self, dt):
        return self.label
    def dst(self, dt):
        return timedelta(0)

tokyo = FixedOffset(9, "JST")
when = datetime(2024, 7, 1, 18, 0, tzinfo=tokyo)
print(when.isoformat(), when.tzname(), when.utcoffset())
print(when.strftime("%Y-%m-%d %H:%M %Z%z"))
print(when.astimezone(FixedOffset(-4, "EDT")).isoformat())
try:
    datetime(2024, 1, 1, tzinfo=tzinfo()).utcoffset()
except NotImplementedError as e:
    print(type(e).__name__, e)
# %%
import statistics

print(statistics.mean([1, 2, 3, 4]), statistics.mean([1, 2, 3]), statistics.mean([1.5, 2.5, 3.5]))
print(statistics.mean([0.1, 0.2, 0.3]), statistics.mean([1e50, 1, -1e50]), statistics.mean([True, False, True]))
print(statistics.mean([3, 2.25, 4.5, -0.5, 0.25]), statistics.mean(range(1, 101)), statistics.mean([True, True]))
print(statistics.fmean([1, 2, 3, 4]), statistics.fmean([0.1, 0.2, 0.3]), statistics.fmean([3.5, 4.0, 5.25], weights=[0.7, 0.2, 0.1]))
print(statistics.geometric_mean([54, 24, 36]), statistics.geometric_mean([1.5, 2.5, 7]))
print(statistics.harmonic_mean([40, 60]), statistics.harmonic_mean([2.5, 3, 10]), statistics.harmonic_mean([40, 60], weights=[5, 30]))
print(statistics.harmonic_mean([5]), statistics.harmonic_mean([1, 0, 3]))
# %%
import statistics

data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
print(statistics.median(data), statistics.median([1, 3, 5, 7]), statistics.median([1, 3, 5]))
print(statistics.median_low([1, 3, 5, 7]), statistics.median_high([1, 3, 5, 7]))
print(statistics.median_grouped([52, 52, 53, 54]), statistics.median_grouped([1, 3, 3, 5, 7], interval=2))
print(statistics.median_grouped([1, 2, 2, 3, 4, 4, 4, 4, 4, 5]))
print(statistics.mode([1, 1, 2, 3, 3, 3, 3, 4]), statistics.mode(["red", "blue", "blue", "red", "green", "red", "red"]))
print(statistics.mode(["a", "b", "b", "a"]), statistics.multimode("aabbbbccddddeeffffgg"), statistics.multimode([]))
print(statistics.quantiles([105, 129, 87, 86, 111, 111, 89, 81, 108, 92, 110, 100, 75, 105, 103, 109, 76, 119, 99, 91, 103, 129, 106, 101, 84, 111, 74, 87, 86, 103, 103, 106, 86, 111, 75, 87, 102, 121, 111, 88, 89, 101, 106, 95, 103, 107, 101, 81, 109, 104], n=10))
print(statistics.quantiles([1, 2, 3, 4, 5, 6, 7, 8]), statistics.quantiles([1, 2, 3, 4, 5, 6, 7, 8], method="inclusive"))
print(statistics.quantiles([1.5, 2.5], n=3), statistics.quantiles([10, 20, 30, 40, 50], n=4, method="inclusive"))
# %%
import statistics

samples = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
print(statistics.variance(samples), statistics.pvariance(samples))
print(statistics.stdev(samples), statistics.pstdev(samples))
print(statistics.variance([1, 2, 3]), statistics.variance([1, 2, 3, 4]), statistics.pvariance([1, 2, 3, 4]))
print(statistics.stdev([1, 2, 3, 4, 5]), statistics.pstdev([2, 4, 4, 4, 5, 5, 7, 9]))
print(statistics.variance([0.0, 0.25, 0.25, 1.25, 1.5, 1.75, 2.75, 3.25]), statistics.pvariance([0.0, 0.25, 0.25, 1.25, 1.5, 1.75, 2.75, 3.25], mu=1.375))
print(statistics.stdev([10, 10, 10]), statistics.variance([1.1, 1.1]), statistics.stdev([1, 2], xbar=1.5))
print(statistics.pstdev([0.1] * 7), statistics.stdev([1e9, 1e9 + 1, 1e9 + 2]))
scores = {"ann": [88, 92, 79], "bob": [95, 60, 85], "cy": [70, 75, 80]}
for name, values in scores.items():
    print(f"{name}: mean={statistics.mean(values):.2f} sd={statistics.stdev(values):.3f} median={statistics.median(values)}")
# %%
import statistics
from statistics import StatisticsError

for function, argument in [(statistics.mean, []), (statistics.median, []), (statistics.mode, []), (statistics.stdev, [1]),
                           (statistics.variance, [5]), (statistics.pvariance, []), (statistics.pstdev, []), (statistics.fmean, []),
                           (statistics.harmonic_mean, []), (statistics.harmonic_mean, [1, -2]), (statistics.geometric_mean, [1, 0]),
                           (statistics.geometric_mean, []), (statistics.quantiles, [1])]:
    try:
        function(argument)
    except StatisticsError as e:
        print(function.__name__, type(e).__name__, e)
print(issubclass(StatisticsError, ValueError))
try:
    statistics.quantiles([1, 2, 3], n=0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    statistics.quantiles([1, 2, 3], method="middle")
except ValueError as e:
    print(type(e).__name__, e)
try:
    statistics.mean(["a", "b"])
except TypeError as e:
    print(type(e).__name__, e)
try:
    statistics.fmean([1, 2], weights=[1])
except StatisticsError as e:
    print(type(e).__name__, e)
# %%
import timeit

def build_list():
    return [i * i for i in range(100)]

elapsed = timeit.timeit(build_list, number=200)
print(type(elapsed).__name__, elapsed >= 0)
runs = timeit.repeat(build_list, repeat=3, number=50)
print(len(runs), all(isinstance(r, float) for r in runs))
timer = timeit.Timer(lambda: sum(range(50)))
print(timer.timeit(number=100) >= 0.0, len(timer.repeat(repeat=2, number=10)))
calls = []
number, taken = timeit.Timer(lambda: calls.append(1)).autorange()
print(number in (1, 2, 5) or number % 10 == 0, taken >= 0.2, len(calls) >= number)
start = timeit.default_timer()
total = sum(range(1000))
print(total, timeit.default_timer() - start >= 0)
print(timeit.timeit(lambda: None, setup=lambda: None, number=10) >= 0, timeit.timeit(number=5) >= 0)
# %% known-gap
# A string statement is compiled with exec in CPython; a translated program may not run exec,
# so timeit refuses it with a PermissionError where CPython times it.
import timeit

try:
    print(timeit.timeit("x = 1", number=10) >= 0)
except PermissionError as e:
    print(type(e).__name__)
# %%
import uuid

ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
print(ident, repr(ident))
print(ident.hex, ident.int, ident.version, ident.variant)
print(ident.urn, ident.fields, ident.node, ident.time_low, ident.clock_seq)
print(uuid.UUID("{12345678123456781234567812345678}") == ident, uuid.UUID("urn:uuid:12345678-1234-5678-1234-567812345678") == ident)
print(uuid.UUID(int=1), uuid.UUID(int=2**128 - 1).hex, uuid.UUID(bytes=bytes(range(16))))
print(uuid.UUID(bytes_le=bytes(range(16))), uuid.UUID(fields=(1, 2, 3, 4, 5, 6)), uuid.UUID(int=0, version=4))
print(uuid.UUID(ident.hex, version=5).version, uuid.UUID(int=0).version, ident.bytes[:4])
for bad in ["1234", "zz345678-1234-5678-1234-567812345678"]:
    try:
        uuid.UUID(bad)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    uuid.UUID(int=-1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    uuid.UUID()
except TypeError as e:
    print(type(e).__name__, e)
# %%
import uuid

print(uuid.NAMESPACE_DNS, uuid.NAMESPACE_URL, uuid.NAMESPACE_OID, uuid.NAMESPACE_X500)
print(uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"), uuid.uuid3(uuid.NAMESPACE_DNS, "python.org"))
print(uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com/a/very/long/path/that/spans/more/than/one/block/of/sixty/four/bytes"))
print(uuid.uuid3(uuid.NAMESPACE_URL, ""), uuid.uuid5(uuid.NAMESPACE_OID, "1.3.6.1"), uuid.uuid3(uuid.NAMESPACE_X500, "ünïcode"))
try:
    uuid.uuid5(uuid.NAMESPACE_DNS, b"python.org")
except TypeError as e:
    print(type(e).__name__, e)
fresh = uuid.uuid4()
print(type(fresh).__name__, fresh.version, fresh.variant, len(fresh.hex), len(str(fresh)), fresh == uuid.UUID(str(fresh)))
print(uuid.uuid4() != uuid.uuid4(), len({uuid.uuid4().hex for _ in range(20)}))
ids = sorted([uuid.UUID(int=5), uuid.UUID(int=1), uuid.UUID(int=3)])
print([str(u)[-2:] for u in ids], uuid.UUID(int=7) > uuid.UUID(int=6))
stores = {}
store_id = uuid.uuid4().hex
stores[store_id] = {"name": "corner shop"}
print(len(stores), all(c in "0123456789abcdef" for c in store_id))
# %%
import statistics

hours = [1, 2, 3, 4, 5, 6, 7, 8, 9]
scores = [1, 2, 3, 1, 2, 3, 1, 2, 3]
print(statistics.covariance(hours, scores), statistics.covariance(hours, [9, 8, 7, 6, 5, 4, 3, 2, 1]))
print(statistics.correlation(hours, hours), statistics.correlation(hours, [9, 8, 7, 6, 5, 4, 3, 2, 1]), statistics.correlation(hours, scores))
fit = statistics.linear_regression([1, 2, 3, 4, 5], [2.1, 3.9, 6.2, 7.8, 10.1])
print(fit, round(fit.slope, 3), round(fit.intercept, 3))
print(statistics.linear_regression([1, 2, 3], [2, 4, 6], proportional=True))
for x, y in [([1, 2], [1]), ([1], [1]), ([3, 3, 3], [1, 2, 3])]:
    for function in (statistics.covariance, statistics.correlation, statistics.linear_regression):
        try:
            function(x, y)
        except statistics.StatisticsError as e:
            print(function.__name__, e)
