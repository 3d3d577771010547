def ajouter(stock, article, quantite):
    stock[article] = stock.get(article, 0) + quantite


def retirer(stock, article, quantite):
    if article not in stock:
        raise KeyError(article)
    if stock[article] < quantite:
        raise ValueError(f"pas assez de {article}")
    stock[article] -= quantite
    if stock[article] == 0:
        del stock[article]


def fusionner(stock, livraison):
    for article, quantite in livraison.items():
        ajouter(stock, article, quantite)


def appliquer_remise(prix, pourcentage):
    for article in prix:
        prix[article] = round(prix[article] * (1 - pourcentage / 100), 2)
