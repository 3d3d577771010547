class Rectangle:
    def __init__(self, largeur, hauteur):
        self.largeur = largeur
        self.hauteur = hauteur

    def aire(self):
        raise NotImplementedError

    def perimetre(self):
        raise NotImplementedError

    def est_carre(self):
        raise NotImplementedError

    def agrandir(self, facteur):
        raise NotImplementedError
