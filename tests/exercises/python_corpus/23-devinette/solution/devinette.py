import sys


def lire_entier():
    return int(input("Entrez un nombre : "))


def jouer(secret):
    coups = 0
    while True:
        proposition = int(input("Votre proposition : "))
        coups += 1
        if proposition < secret:
            print("Trop petit")
        elif proposition > secret:
            print("Trop grand")
        else:
            print(f"Gagné en {coups} coups !")
            return coups


def somme_des_lignes():
    return sum(int(ligne) for ligne in sys.stdin if ligne.strip())
