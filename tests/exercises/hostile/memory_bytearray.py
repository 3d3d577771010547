# 2 GiB at once, far above the exercise's memory limit.
x = bytearray(2 * 1024**3)


def f(x):
    return 2 * x
