def compter_mots(texte):
    """Renvoie un dictionnaire {mot en minuscules: nombre d'apparitions}."""
    compteur = {}
    for mot in texte.lower().split():
        if mot in compteur:
            compteur[mot] = compteur[mot] + 1
        else:
            compteur[mot] = 1
    return compteur
