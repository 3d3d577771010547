def lire_entiers(n):
    return [int(input()) for _ in range(n)]


def additionner():
    a = int(input("Premier nombre : "))
    b = int(input("Second nombre : "))
    print(f"{a} + {b} = {a + b}")
    return a + b
