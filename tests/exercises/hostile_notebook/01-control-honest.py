# Control: the honest answer, which must pass (public and hidden tests).
def moyenne(liste):
    return sum(liste) / len(liste)
