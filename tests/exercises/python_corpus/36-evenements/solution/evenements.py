def compter_si(predicat, elements):
    return sum(1 for e in elements if predicat(e))


def appeler_n_fois(fonction, n):
    return [fonction(i) for i in range(n)]


def reduire(fonction, elements, initial):
    resultat = initial
    for element in elements:
        resultat = fonction(resultat, element)
    return resultat


class Bouton:
    def __init__(self, libelle):
        self.libelle = libelle
        self._rappels = []

    def on_click(self, rappel):
        self._rappels.append(rappel)

    def cliquer(self):
        for rappel in self._rappels:
            rappel(self.libelle)
