# Prints without end inside the tested function (pytest captures it).
def f(x):
    while True:
        print("x" * 10000)
