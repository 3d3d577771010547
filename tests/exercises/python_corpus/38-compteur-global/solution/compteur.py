COMPTEUR = 0
HISTORIQUE = []
LIMITE = 3


def incrementer():
    global COMPTEUR
    COMPTEUR += 1
    HISTORIQUE.append(COMPTEUR)
    return COMPTEUR


def reinitialiser():
    global COMPTEUR
    COMPTEUR = 0
    HISTORIQUE.clear()


def peut_continuer():
    return COMPTEUR < LIMITE
