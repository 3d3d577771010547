def trier_notes(notes):
    return sorted(notes, reverse=True)


def ajouter_si_absent(liste, element):
    if element not in liste:
        return liste + [element]
    return liste


def retirer_negatifs(nombres):
    return [n for n in nombres if n >= 0]


def doubler(nombres):
    nombres = [n * 2 for n in nombres]


def vider(liste):
    liste = []
