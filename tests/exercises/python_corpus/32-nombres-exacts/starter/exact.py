def total_ticket(prix):
    return sum(float(p) for p in prix)


def arrondir_centimes(montant):
    return round(montant, 2)


def prix_ttc(ht, taux):
    return round(float(ht) * (1 + float(taux)), 2)


def somme_fractions(fractions):
    return sum(float(f) for f in fractions)


def lire_fraction(texte):
    numerateur, denominateur = texte.split("/")
    return int(numerateur) / int(denominateur)
