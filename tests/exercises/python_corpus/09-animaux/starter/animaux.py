class Animal:
    def __init__(self, nom):
        self.nom = nom

    def cri(self):
        return "..."


class Chien:
    def __init__(self, nom, race):
        self.race = race


class Oiseau:
    pass
