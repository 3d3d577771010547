from pathlib import Path

from population import population_totale

# Une copie du fichier communes.csv de votre dossier, à côté de ce test.
COMMUNES = Path(__file__).with_name("communes.csv")


def test_dix_communes():
    """population_totale("communes.csv") renvoie 5795348"""
    resultat = population_totale(str(COMMUNES))
    assert resultat == 5795348, f"la population totale des dix communes est 5795348, et non {resultat!r}"


def test_renvoie_un_entier():
    """population_totale renvoie un entier (int)"""
    resultat = population_totale(str(COMMUNES))
    assert isinstance(resultat, int), f"le résultat doit être un entier, pas {type(resultat).__name__} : pensez à int()"
