# Style : pytest simple sur une classe itérateur de l'apprenant (__iter__/__next__) — iter(obj) is obj,
# next(), StopIteration, list(), sum(), for, collections.abc.Iterator, itérable parcouru deux fois.
import collections.abc

import pytest

from intervalle import Compteur, Intervalle


def test_compteur_est_un_iterateur():
    c = Compteur(1, 3)
    assert isinstance(c, collections.abc.Iterator)
    assert iter(c) is c, "__iter__ d'un itérateur renvoie self"


def test_next_puis_stopiteration():
    c = Compteur(1, 2)
    assert next(c) == 1
    assert next(c) == 2
    with pytest.raises(StopIteration):
        next(c)


def test_reste_epuise():
    c = Compteur(1, 1)
    assert list(c) == [1]
    assert list(c) == []


def test_list_et_sum():
    assert list(Compteur(3, 6)) == [3, 4, 5, 6]
    assert sum(Compteur(1, 10)) == 55


def test_vide():
    assert list(Compteur(5, 4)) == []


def test_intervalle_dans_une_boucle_for():
    vus = []
    for n in Intervalle(1, 3):
        vus.append(n)
    assert vus == [1, 2, 3]


def test_intervalle_parcouru_deux_fois():
    """Un Intervalle se parcourt plusieurs fois"""
    i = Intervalle(1, 4)
    assert list(i) == [1, 2, 3, 4]
    assert list(i) == [1, 2, 3, 4], "__iter__ doit renvoyer un nouvel itérateur à chaque fois"


def test_intervalle_in_et_zip():
    assert 3 in Intervalle(1, 4)
    assert 9 not in Intervalle(1, 4)
    assert list(zip(Intervalle(1, 2), "ab")) == [(1, "a"), (2, "b")]
