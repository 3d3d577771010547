def lire_entier():
    return input("Entrez un nombre : ")


def jouer(secret):
    raise NotImplementedError


def somme_des_lignes():
    raise NotImplementedError
