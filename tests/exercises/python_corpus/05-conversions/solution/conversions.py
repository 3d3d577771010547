def celsius_vers_fahrenheit(c):
    return c * 9 / 5 + 32


def en_binaire(n):
    if n == 0:
        return "0"
    chiffres = ""
    while n > 0:
        chiffres = str(n % 2) + chiffres
        n //= 2
    return chiffres


def depuis_binaire(texte):
    valeur = 0
    for chiffre in texte:
        valeur = valeur * 2 + int(chiffre)
    return valeur


def note_sur_20(points, total):
    if total == 0:
        return None
    return points * 20 / total
