from collections import Counter


def compter_mots(texte):
    return Counter(texte.lower().split())


def compter_lettres(texte):
    return Counter(c for c in texte.lower() if c.isalpha())


def plus_frequents(texte, n):
    return compter_mots(texte).most_common(n)
