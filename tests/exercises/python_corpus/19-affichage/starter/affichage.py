def afficher_table(n):
    for i in range(1, 10):
        print(n, "x", i, "=", n * i)


def barre(n):
    print("#" * n)


def afficher_liste(courses):
    print(courses)


def decompte(n):
    for i in range(n, 0, -1):
        print(f"{i}...")
    print("Partez !")
