import math


def aire_disque(rayon):
    return math.pi * rayon ** 2


def perimetre_cercle(rayon):
    return 2 * math.pi * rayon


def distance(a, b):
    return math.hypot(b[0] - a[0], b[1] - a[1])


def centre_gravite(points):
    n = len(points)
    return (sum(p[0] for p in points) / n, sum(p[1] for p in points) / n)


def en_radians(angles):
    return [math.radians(angle) for angle in angles]


def dimensions_feuille(format_papier):
    """Largeur et hauteur en cm d'une feuille A0 à A5 (A0 : 1 m², rapport racine de 2)."""
    numero = int(format_papier[1:])
    hauteur = math.sqrt(math.sqrt(2)) * 100 / math.sqrt(2) ** numero
    largeur = hauteur / math.sqrt(2)
    return {"largeur": largeur, "hauteur": hauteur}
