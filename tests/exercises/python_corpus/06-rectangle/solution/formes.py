class Rectangle:
    def __init__(self, largeur, hauteur):
        self.largeur = largeur
        self.hauteur = hauteur

    def aire(self):
        return self.largeur * self.hauteur

    def perimetre(self):
        return 2 * (self.largeur + self.hauteur)

    def est_carre(self):
        return self.largeur == self.hauteur

    def agrandir(self, facteur):
        self.largeur *= facteur
        self.hauteur *= facteur

    def __eq__(self, autre):
        if not isinstance(autre, Rectangle):
            return NotImplemented
        return (self.largeur, self.hauteur) == (autre.largeur, autre.hauteur)

    def __repr__(self):
        return f"Rectangle({self.largeur!r}, {self.hauteur!r})"

    def __str__(self):
        return f"Rectangle {self.largeur} × {self.hauteur}"
