import csv


def population_totale(chemin):
    """Renvoie la somme de la colonne « population » du fichier CSV (séparateur « ; »)."""
    total = 0
    with open(chemin, encoding="utf-8", newline="") as fichier:
        pass  # À compléter : parcourez les lignes avec csv.DictReader.
    return total
