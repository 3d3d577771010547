import pytest

from prix import prix_ttc


def test_taux_normal():
    """prix_ttc(100, 20) renvoie 120.0"""
    resultat = prix_ttc(100, 20)
    assert resultat is not None, "la fonction ne renvoie rien : utilisez return"
    assert resultat == pytest.approx(120.0), f"100 € HT avec 20 % de TVA font 120 € TTC, pas {resultat!r}"


def test_taux_reduit():
    """prix_ttc(10, 5.5) renvoie 10.55"""
    resultat = prix_ttc(10, 5.5)
    assert resultat == pytest.approx(10.55), f"10 € HT avec 5,5 % de TVA font 10,55 € TTC, pas {resultat!r}"
