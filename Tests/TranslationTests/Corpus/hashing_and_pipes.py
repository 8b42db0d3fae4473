# %%
import hashlib

for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]:
    h = hashlib.new(name)
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest())
print(hashlib.sha256(b"abc").hexdigest())
print(hashlib.md5("hello world".encode()).hexdigest())
print(hashlib.sha1(b"The quick brown fox jumps over the lazy dog").digest())
print(sorted(hashlib.algorithms_guaranteed & {"md5", "sha256", "sha512"}))
# %%
import hashlib

# Every length across the padding boundaries of both block sizes.
lengths = list(range(0, 140)) + [200, 255, 256, 257, 1000, 4096]
for length in lengths:
    data = bytes((i * 31 + length * 7) % 256 for i in range(length))
    line = [str(length)]
    for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]:
        line.append(hashlib.new(name, data).hexdigest()[:16])
    print(" ".join(line))
# %%
import hashlib

whole = hashlib.sha256(b"part one, part two")
pieces = hashlib.sha256()
pieces.update(b"part one, ")
snapshot = pieces.copy()
pieces.update(b"part two")
print(whole.hexdigest() == pieces.hexdigest(), snapshot.hexdigest() == hashlib.sha256(b"part one, ").hexdigest())
try:
    hashlib.sha256("not bytes")
except TypeError as error:
    print("TypeError:", error)
try:
    hashlib.new("whirlpool9")
except ValueError as error:
    print("ValueError:", error)
print(repr(pieces).split(" object")[0])

def fingerprint(user, secret):
    return hashlib.sha256(f"{user}:{secret}".encode("utf-8")).hexdigest()[:12]

print(fingerprint("ada", "s3cret"), fingerprint("ada", "s3cret") == fingerprint("ada", "s3cret"))
# %%
from multiprocessing import Pipe, Process

def worker(connection):
    task = connection.recv()
    connection.send([n * n for n in task])
    connection.close()

parent, child = Pipe()
p = Process(target=worker, args=(child,))
p.start()
parent.send([1, 2, 3])
print(parent.recv())
p.join()
child.close()
print(parent.poll(0.5))
try:
    parent.recv()
except EOFError:
    print("EOFError: the other end closed")
# %%
from multiprocessing import Pipe

reader, writer = Pipe(duplex=False)
writer.send("hello")
writer.send({"n": 1})
print(reader.poll(), reader.recv(), reader.recv(), reader.poll())
try:
    reader.send("x")
except OSError as error:
    print("OSError:", error)
try:
    writer.recv()
except OSError as error:
    print("OSError:", error)
writer.close()
print(writer.closed, reader.closed)
try:
    writer.send("late")
except OSError as error:
    print("OSError:", error)
