def filtrer_pairs(nombres):
    """Renvoie une nouvelle liste avec seulement les nombres pairs, dans le même ordre."""
    resultat = []
    for nombre in nombres:
        if nombre % 2 == 0:
            resultat.append(nombre)
    return resultat
