def communs(a, b):
    return [x for x in a if x in b]


def sans_doublons(liste):
    return list(set(liste))


def lettres(mot):
    return set(mot)


def anagrammes(mots):
    raise NotImplementedError
