def prix_ttc(ht, taux):
    """Renvoie le prix TTC, arrondi au centime, d'un prix hors taxes et d'un taux de TVA en %."""
    # À compléter : pour l'instant, la TVA est oubliée.
    return ht
