def afficher_table(n):
    for i in range(1, 11):
        print(f"{n} x {i} = {n * i}")


def barre(n):
    for _ in range(n):
        print("#", end="")


def afficher_liste(courses):
    if not courses:
        print("(liste vide)")
    for article in courses:
        print("-", article)


def decompte(n):
    for i in range(n, 0, -1):
        print(f"{i}...", end=" ")
    print("Partez !")
