def celsius_vers_fahrenheit(c):
    return c * 9 / 5 + 32


def en_binaire(n):
    return bin(n)


def depuis_binaire(texte):
    return texte


def note_sur_20(points, total):
    return points * 20 / total
