# Returns a list nested 100000 levels deep: a copy of the value done by recursion would overflow.
def f(x):
    value = [x + 1]
    for _ in range(100_000):
        value = [value]
    return value
