def ajouter(stock, article, quantite):
    return {**stock, article: stock.get(article, 0) + quantite}


def retirer(stock, article, quantite):
    stock[article] -= quantite


def fusionner(stock, livraison):
    stock = {**stock, **livraison}


def appliquer_remise(prix, pourcentage):
    return {article: p * (1 - pourcentage / 100) for article, p in prix.items()}
