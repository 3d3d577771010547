def somme_jusqua(n):
    """Renvoie 1 + 2 + ... + n (0 si n <= 0)."""
    total = 0
    # À compléter : une boucle qui ajoute chaque nombre à total.
    return total
