def communs(a, b):
    return set(a) & set(b)


def sans_doublons(liste):
    return set(liste)


def lettres(mot):
    return frozenset(mot.lower())


def anagrammes(mots):
    groupes = {}
    for mot in mots:
        groupes.setdefault("".join(sorted(mot)), set()).add(mot)
    return {frozenset(groupe) for groupe in groupes.values() if len(groupe) >= 2}
