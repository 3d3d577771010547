import pytest

from notes import moyenne


def test_deux_notes():
    """moyenne([10, 20]) renvoie 15"""
    resultat = moyenne([10, 20])
    assert resultat == pytest.approx(15), f"(10 + 20) / 2 = 15, et non {resultat!r}"


def test_liste_vide():
    """moyenne([]) renvoie 0"""
    try:
        resultat = moyenne([])
    except ZeroDivisionError:
        pytest.fail("moyenne([]) provoque une division par zéro : traitez la liste vide à part")
    assert resultat == 0, f"la moyenne d'une liste vide vaut 0, et non {resultat!r}"
