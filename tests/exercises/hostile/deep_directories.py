# Leaves 1200 nested directories in /work: deeper than the host's recursive cleanup can go.
import os

os.chdir("/work")
for _ in range(1200):
    os.mkdir("d")
    os.chdir("d")
os.chdir("/work")


def f(x):
    return 2 * x
