# Grows a list of 10 MiB blocks until something stops it.
def f(x):
    keep = []
    while True:
        keep.append(bytearray(10 * 1024**2))
