def trier_notes(notes):
    notes.sort(reverse=True)


def ajouter_si_absent(liste, element):
    if element not in liste:
        liste.append(element)


def retirer_negatifs(nombres):
    nombres[:] = [n for n in nombres if n >= 0]


def doubler(nombres):
    for i, n in enumerate(nombres):
        nombres[i] = n * 2


def vider(liste):
    liste.clear()
