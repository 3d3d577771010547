# Style : pytest simple — fonctions renvoyant des float, comparés avec pytest.approx
# (nombre seul, rel=, abs=, tuple, liste et dictionnaire).
import math

import pytest

from geometrie import aire_disque, centre_gravite, dimensions_feuille, distance, en_radians, perimetre_cercle


def test_aire_disque_unite():
    """L'aire d'un disque de rayon 1 vaut pi"""
    assert aire_disque(1) == pytest.approx(math.pi), "utilisez math.pi, pas 3.14"


def test_aire_disque_tolerance_relative():
    """aire_disque(10) vaut environ 314.159"""
    assert aire_disque(10) == pytest.approx(314.159, rel=1e-5)


def test_perimetre_tolerance_absolue():
    """perimetre_cercle(2.5) vaut 15.71 à 0.01 près"""
    assert perimetre_cercle(2.5) == pytest.approx(15.71, abs=0.01)


def test_distance_diagonale():
    """La diagonale d'un carré de côté 1 mesure racine de 2"""
    assert distance((0, 0), (1, 1)) == pytest.approx(2 ** 0.5)


def test_distance_renvoie_un_float():
    resultat = distance((0, 0), (3, 4))
    assert isinstance(resultat, float)
    assert resultat == pytest.approx(5.0)


def test_centre_gravite_tuple():
    """Le centre de gravité d'un triangle est un tuple (x, y)"""
    assert centre_gravite([(0, 0), (1, 0), (0, 1)]) == pytest.approx((1 / 3, 1 / 3))


def test_en_radians_liste():
    """[0, 90, 180] degrés font [0, pi/2, pi] radians"""
    assert en_radians([0, 90, 180]) == pytest.approx([0, math.pi / 2, math.pi])


def test_dimensions_a4_dictionnaire():
    """Une feuille A4 mesure 21 × 29,7 cm (à 1 mm près)"""
    assert dimensions_feuille("A4") == pytest.approx({"largeur": 21.0, "hauteur": 29.7}, abs=0.1)
