# Style : pytest simple — pytest.raises(ValueError), pytest.raises(..., match=...) avec une expression
# régulière et re.escape, excinfo.value / excinfo.type / excinfo.match, tuple d'exceptions,
# pytest.raises(Exc, fonction, argument) sans with.
import re

import pytest

from validation import diviser, lire_age, racine_carree


def test_racine_d_un_positif():
    assert racine_carree(9) == 3


def test_racine_message():
    with pytest.raises(ValueError, match="négatif"):
        racine_carree(-4)


def test_racine_forme_appel():
    """pytest.raises(ValueError, racine_carree, -4) (sans with)"""
    excinfo = pytest.raises(ValueError, racine_carree, -4)
    assert "racine" in str(excinfo.value)


def test_age_valide():
    assert lire_age(" 42 ") == 42


def test_age_pas_un_nombre_message_exact():
    with pytest.raises(ValueError) as excinfo:
        lire_age("douze")
    assert excinfo.type is ValueError
    assert str(excinfo.value) == "l'âge doit être un nombre entier"


@pytest.mark.parametrize("texte", ["-3", "3.5", ""])
def test_age_refuse(texte):
    with pytest.raises(ValueError, match=r"^l'âge doit être un nombre entier$"):
        lire_age(texte)


def test_age_trop_grand():
    with pytest.raises(ValueError, match=re.escape("entre 0 et 150 (reçu : 200)")):
        lire_age("200")


def test_age_trop_grand_excinfo_match():
    with pytest.raises(ValueError) as excinfo:
        lire_age("999")
    excinfo.match(r"reçu : \d+")


def test_division_par_zero():
    with pytest.raises(ZeroDivisionError, match="division par zéro"):
        diviser(1, 0)


def test_division_type():
    with pytest.raises(TypeError):
        diviser("1", 2)


def test_division_tuple_d_exceptions():
    with pytest.raises((TypeError, ValueError)):
        diviser(1, None)


def test_division_normale():
    assert diviser(7, 2) == 3.5
