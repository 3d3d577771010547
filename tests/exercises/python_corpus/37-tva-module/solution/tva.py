TAUX = 0.2
DEVISE = "€"
TAUX_REDUITS = {"livre": 0.055, "restaurant": 0.1}


def prix_ttc(prix_ht, categorie=None):
    taux = TAUX_REDUITS.get(categorie, TAUX)
    return round(prix_ht * (1 + taux), 2)


def etiquette(prix_ht):
    return f"{prix_ttc(prix_ht):.2f} {DEVISE}"
