# The wrong answer handed in with the file beside it (the attack is in that file).
def f(x):
    return x + 1
