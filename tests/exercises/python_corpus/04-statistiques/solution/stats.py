def min_max(nombres):
    return (min(nombres), max(nombres))


def frequences(valeurs):
    compte = {}
    for valeur in valeurs:
        compte[valeur] = compte.get(valeur, 0) + 1
    return compte


def au_dessus(nombres, seuil):
    return [n for n in nombres if n > seuil]


def mediane(nombres):
    tries = sorted(nombres)
    milieu = len(tries) // 2
    if len(tries) % 2:
        return tries[milieu]
    return (tries[milieu - 1] + tries[milieu]) / 2
