TAUX = 0.2


def prix_ttc(prix_ht, categorie=None):
    return round(prix_ht * 1.2, 2)


def etiquette(prix_ht):
    return f"{prix_ttc(prix_ht):.2f} €"
