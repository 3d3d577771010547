import pytest

from prix import prix_ttc


def test_arrondi_au_centime():
    """prix_ttc(19.99, 20) renvoie 23.99 (arrondi au centime)"""
    assert prix_ttc(19.99, 20) == pytest.approx(23.99), "19,99 × 1,2 = 23,988, qui s'arrondit à 23,99"


def test_taux_nul():
    """Avec un taux de 0 %, le prix TTC est égal au prix HT"""
    assert prix_ttc(50, 0) == pytest.approx(50.0), "sans TVA, le prix ne change pas"


def test_prix_nul():
    """Un prix HT de 0 donne un prix TTC de 0"""
    assert prix_ttc(0, 20) == pytest.approx(0.0), "0 € HT donne 0 € TTC"


def test_taux_intermediaire():
    """prix_ttc(8.40, 10) renvoie 9.24"""
    assert prix_ttc(8.40, 10) == pytest.approx(9.24), "8,40 € HT avec 10 % de TVA font 9,24 € TTC"


def test_deux_decimales_au_plus():
    """Le résultat n'a jamais plus de deux décimales"""
    resultat = prix_ttc(3.33, 5.5)
    assert resultat == pytest.approx(3.51), "3,33 × 1,055 = 3,51315, qui s'arrondit à 3,51"
