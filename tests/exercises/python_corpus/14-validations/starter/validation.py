def racine_carree(x):
    return x ** 0.5


def lire_age(texte):
    return int(texte)


def diviser(a, b):
    return a / b
