# Kills its parent process (inside the sandbox: bubblewrap's init).
import os

os.kill(os.getppid(), 9)


def f(x):
    return 2 * x
