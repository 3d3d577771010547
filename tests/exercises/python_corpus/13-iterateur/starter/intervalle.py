class Compteur:
    def __init__(self, debut, fin):
        self.actuel = debut
        self.fin = fin

    def __iter__(self):
        return self

    def __next__(self):
        raise NotImplementedError


class Intervalle:
    def __init__(self, debut, fin):
        self.debut = debut
        self.fin = fin
