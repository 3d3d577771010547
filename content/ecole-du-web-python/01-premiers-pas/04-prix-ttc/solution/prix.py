def prix_ttc(ht, taux):
    """Renvoie le prix TTC, arrondi au centime, d'un prix hors taxes et d'un taux de TVA en %."""
    return round(ht * (1 + taux / 100), 2)
