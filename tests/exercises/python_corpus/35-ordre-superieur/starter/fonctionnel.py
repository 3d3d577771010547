def appliquer(fonction, liste):
    return liste


def filtrer(predicat, liste):
    return [x for x in liste if x]


def trier(liste, key=None, reverse=False):
    return sorted(liste)


def composer(f, g):
    raise NotImplementedError
