def compter_mots(texte):
    """Renvoie un dictionnaire {mot en minuscules: nombre d'apparitions}."""
    compteur = {}
    # À compléter : découpez le texte en mots et comptez chacun d'eux.
    return compteur
