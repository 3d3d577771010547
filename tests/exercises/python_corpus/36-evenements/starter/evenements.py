def compter_si(predicat, elements):
    return len(elements)


def appeler_n_fois(fonction, n):
    return [fonction(n)] * n


def reduire(fonction, elements, initial):
    raise NotImplementedError


class Bouton:
    def __init__(self, libelle):
        self.libelle = libelle

    def on_click(self, rappel):
        self.rappel = rappel

    def cliquer(self):
        pass
