import math


def racine_carree(x):
    if x < 0:
        raise ValueError("impossible de calculer la racine d'un nombre négatif")
    return math.sqrt(x)


def lire_age(texte):
    texte = texte.strip()
    if not texte.isdigit():
        raise ValueError("l'âge doit être un nombre entier")
    age = int(texte)
    if age > 150:
        raise ValueError(f"l'âge doit être compris entre 0 et 150 (reçu : {age})")
    return age


def diviser(a, b):
    for valeur in (a, b):
        if isinstance(valeur, bool) or not isinstance(valeur, (int, float)):
            raise TypeError(f"{valeur!r} n'est pas un nombre")
    if b == 0:
        raise ZeroDivisionError("division par zéro")
    return a / b
