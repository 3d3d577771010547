# Returns a very wide value: a million ints and an 8 MiB string in one dict. f is wrong whatever the
# size; the copy of the value must end with a clear result.
def f(x):
    return {"numbers": list(range(1_000_000)), "text": "x" * (8 * 1024 * 1024), "answer": x + 1}
