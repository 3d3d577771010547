def somme_jusqua(n):
    """Renvoie 1 + 2 + ... + n (0 si n <= 0)."""
    total = 0
    for nombre in range(1, n + 1):
        total = total + nombre
    return total
