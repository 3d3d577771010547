# Kills pid 1 (inside the sandbox: bubblewrap's init, owned by root).
import os

os.kill(1, 9)


def f(x):
    return 2 * x
