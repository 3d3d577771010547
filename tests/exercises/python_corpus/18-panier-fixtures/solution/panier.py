class Panier:
    def __init__(self):
        self.articles = {}
        self.prix = {}

    def ajouter(self, article, prix, quantite=1):
        self.articles[article] = self.articles.get(article, 0) + quantite
        self.prix[article] = prix

    def retirer(self, article):
        del self.articles[article]
        del self.prix[article]

    def nombre_articles(self):
        return sum(self.articles.values())

    def total(self):
        return round(sum(self.prix[a] * q for a, q in self.articles.items()), 2)
