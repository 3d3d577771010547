class Animal:
    pattes = 4

    def __init__(self, nom):
        self.nom = nom

    def cri(self):
        return "..."

    def presenter(self):
        return f"Je m'appelle {self.nom} et je fais {self.cri()}"


class Chien(Animal):
    def __init__(self, nom, race):
        super().__init__(nom)
        self.race = race

    def cri(self):
        return "Wouf"


class Oiseau(Animal):
    pattes = 2

    def cri(self):
        return "Cui-cui"
