# A correct solution that leaves a detached daemon behind (double fork, new session, fds closed).
import os
import time

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.closerange(0, 256)
        time.sleep(60)
    os._exit(0)


def f(x):
    return 2 * x
