# At import, writes to every socket it holds (what a split runner would use to reach the tests' side)
# frames that side would have to parse before the real reply: JSON nested 100000 deep, a reply-like
# object whose value is nested 100000 deep, and a reply-like object giving 4, each length-prefixed
# (4 bytes, big-endian) and newline-delimited. f itself is wrong.
import os
import stat
import struct

DEEP = "[" * 100_000 + "]" * 100_000
FRAMES = []
for _text in (DEEP, '{"value": ' + DEEP + "}", '{"id": 1, "ok": true, "value": 4, "result": 4}'):
    _data = _text.encode()
    FRAMES += [struct.pack(">I", len(_data)) + _data, _data + b"\n"]


def _sockets():
    for fd in range(3, 256):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                yield fd
        except OSError:
            pass


for _fd in _sockets():
    os.set_blocking(_fd, False)
    for _frame in FRAMES:
        try:
            os.write(_fd, _frame)
        except OSError:
            pass
    os.set_blocking(_fd, True)


def f(x):
    return x + 1
