def min_max(nombres):
    return [min(nombres), max(nombres)]


def frequences(valeurs):
    raise NotImplementedError


def au_dessus(nombres, seuil):
    raise NotImplementedError


def mediane(nombres):
    return sorted(nombres)[len(nombres) // 2]
