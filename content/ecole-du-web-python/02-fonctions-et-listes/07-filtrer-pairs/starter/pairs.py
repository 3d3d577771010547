def filtrer_pairs(nombres):
    """Renvoie une nouvelle liste avec seulement les nombres pairs, dans le même ordre."""
    pass
