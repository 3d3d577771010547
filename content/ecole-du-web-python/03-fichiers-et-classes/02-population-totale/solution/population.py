import csv


def population_totale(chemin):
    """Renvoie la somme de la colonne « population » du fichier CSV (séparateur « ; »)."""
    total = 0
    with open(chemin, encoding="utf-8", newline="") as fichier:
        for ligne in csv.DictReader(fichier, delimiter=";"):
            total = total + int(ligne["population"])
    return total
