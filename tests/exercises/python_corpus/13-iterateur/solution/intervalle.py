class Compteur:
    def __init__(self, debut, fin):
        self.actuel = debut
        self.fin = fin

    def __iter__(self):
        return self

    def __next__(self):
        if self.actuel > self.fin:
            raise StopIteration
        valeur = self.actuel
        self.actuel += 1
        return valeur


class Intervalle:
    def __init__(self, debut, fin):
        self.debut = debut
        self.fin = fin

    def __iter__(self):
        return Compteur(self.debut, self.fin)
