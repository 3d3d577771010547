def saluer(nom):
    # À compléter : renvoyer "Bonjour <nom> !"
    pass


def est_palindrome(mot):
    pass


def initiales(nom_complet):
    pass


def premiere_voyelle(mot):
    pass
