import pytest

from ages import categorie_age


def test_zero_an():
    """Un bébé de 0 an est un enfant"""
    assert categorie_age(0) == "enfant", "0 an : enfant"


def test_borne_enfant_adolescent():
    """11 ans donne "enfant" et 12 ans "adolescent" """
    assert categorie_age(11) == "enfant", "11 ans : enfant"
    assert categorie_age(12) == "adolescent", "12 ans : adolescent"


def test_borne_adolescent_adulte():
    """17 ans donne "adolescent" et 18 ans "adulte" """
    assert categorie_age(17) == "adolescent", "17 ans : adolescent"
    assert categorie_age(18) == "adulte", "18 ans : adulte"


def test_borne_adulte_senior():
    """64 ans donne "adulte" et 65 ans "senior" """
    assert categorie_age(64) == "adulte", "64 ans : adulte"
    assert categorie_age(65) == "senior", "65 ans : senior"


def test_tres_grand_age():
    """102 ans donne "senior" """
    assert categorie_age(102) == "senior", "102 ans : senior"


def test_age_negatif():
    """Un âge négatif lève une ValueError"""
    with pytest.raises(ValueError):
        categorie_age(-1)
