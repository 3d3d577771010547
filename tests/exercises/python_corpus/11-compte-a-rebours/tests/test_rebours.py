# Style : pytest simple sur des générateurs — next(gen), list(gen), pytest.raises(StopIteration),
# types.GeneratorType, boucle for, paresse (un itérateur infini passé au générateur).
import itertools
import types

import pytest

from rebours import compte_a_rebours, pairs, sans_vides


def test_est_un_generateur():
    """compte_a_rebours renvoie un générateur (utilisez yield)"""
    assert isinstance(compte_a_rebours(3), types.GeneratorType)


def test_next_puis_stopiteration():
    gen = compte_a_rebours(2)
    assert next(gen) == 2
    assert next(gen) == 1
    with pytest.raises(StopIteration):
        next(gen)


def test_list_de_cinq():
    assert list(compte_a_rebours(5)) == [5, 4, 3, 2, 1]


def test_zero_ne_donne_rien():
    assert list(compte_a_rebours(0)) == []


def test_generateur_epuise():
    """Un générateur parcouru une fois est vide ensuite"""
    gen = pairs(5)
    assert list(gen) == [0, 2, 4]
    assert list(gen) == []


def test_boucle_for():
    vus = []
    for nombre in pairs(7):
        vus.append(nombre)
    assert vus == [0, 2, 4, 6]


def test_next_avec_valeur_par_defaut():
    assert next(pairs(0), "fin") == "fin"


def test_sans_vides():
    assert list(sans_vides(["a", "  ", "", " b "])) == ["a", "b"]


def test_sans_vides_est_paresseux():
    """sans_vides ne lit pas toutes les lignes d'avance (ici, il y en a une infinité)"""
    infinies = itertools.cycle(["x", ""])
    gen = sans_vides(infinies)
    assert [next(gen), next(gen)] == ["x", "x"]
