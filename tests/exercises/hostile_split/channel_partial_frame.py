# At import, writes to every socket it holds the start of a frame (a header announcing 1000 bytes, then
# 10 of them) and then sleeps for ever: the tests' side, waiting for the rest, must still end the run
# at its time limit. Without a socket (tests in the same process), f is just wrong.
import os
import stat
import struct
import time

_found = False
for _fd in range(3, 256):
    try:
        if stat.S_ISSOCK(os.fstat(_fd).st_mode):
            os.write(_fd, struct.pack(">I", 1000) + b'{"value": ')
            _found = True
    except OSError:
        pass
if _found:
    time.sleep(10**6)


def f(x):
    return x + 1
