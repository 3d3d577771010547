def lire_entiers(n):
    raise NotImplementedError


def additionner():
    a = input("Premier nombre : ")
    b = input("Second nombre : ")
    print(a + b)
