class Panier:
    def __init__(self):
        self.articles = {}

    def ajouter(self, article, prix, quantite=1):
        self.articles[article] = quantite

    def retirer(self, article):
        raise NotImplementedError

    def nombre_articles(self):
        return len(self.articles)

    def total(self):
        raise NotImplementedError
