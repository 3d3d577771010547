# Style : état de module modifié par l'apprenant (global) — import compteur, fixture autouse qui remet
# l'état à zéro, lecture de compteur.COMPTEUR après l'appel, monkeypatch.setattr(compteur, "LIMITE", 1),
# importlib.reload.
import importlib

import pytest

import compteur


@pytest.fixture(autouse=True)
def etat_propre():
    compteur.reinitialiser()
    yield
    compteur.reinitialiser()


def test_valeur_initiale():
    assert compteur.COMPTEUR == 0
    assert compteur.HISTORIQUE == []


def test_incrementer_modifie_la_variable_du_module():
    assert compteur.incrementer() == 1
    assert compteur.incrementer() == 2
    assert compteur.COMPTEUR == 2, "utilisez global COMPTEUR"
    assert compteur.HISTORIQUE == [1, 2]


def test_reinitialiser():
    compteur.incrementer()
    compteur.reinitialiser()
    assert compteur.COMPTEUR == 0
    assert compteur.HISTORIQUE == []


def test_limite():
    for _ in range(2):
        compteur.incrementer()
    assert compteur.peut_continuer() is True
    compteur.incrementer()
    assert compteur.peut_continuer() is False


def test_limite_changee(monkeypatch):
    monkeypatch.setattr(compteur, "LIMITE", 1)
    assert compteur.peut_continuer() is True
    compteur.incrementer()
    assert compteur.peut_continuer() is False


def test_reload_remet_a_zero():
    compteur.incrementer()
    module = importlib.reload(compteur)
    assert module is compteur
    assert compteur.COMPTEUR == 0
