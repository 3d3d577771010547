def appliquer(fonction, liste):
    return [fonction(x) for x in liste]


def filtrer(predicat, liste):
    return [x for x in liste if predicat(x)]


def trier(liste, key=None, reverse=False):
    return sorted(liste, key=key, reverse=reverse)


def composer(f, g):
    def composee(x):
        return f(g(x))
    return composee
