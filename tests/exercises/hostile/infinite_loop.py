# Never ends, never sleeps: the CPU limit (RLIMIT_CPU) must stop it.
def f(x):
    while True:
        pass
