COMPTEUR = 0
HISTORIQUE = []
LIMITE = 3


def incrementer():
    compteur = COMPTEUR + 1
    return compteur


def reinitialiser():
    pass


def peut_continuer():
    return True
