def compter_mots(texte):
    compte = {}
    for mot in texte.split():
        compte[mot] = compte.get(mot, 0) + 1
    return compte


def compter_lettres(texte):
    raise NotImplementedError


def plus_frequents(texte, n):
    raise NotImplementedError
