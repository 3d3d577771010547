# Style : état de module — import tva puis tva.TAUX ; monkeypatch.setattr(tva, "TAUX", 0.1) et
# monkeypatch.setattr("tva.DEVISE", "$") ; monkeypatch.setitem sur un dictionnaire du module ;
# la valeur d'origine revient après le test.
import pytest

import tva
from tva import etiquette, prix_ttc


def test_constantes():
    assert tva.TAUX == 0.2
    assert tva.DEVISE == "€"
    assert tva.TAUX_REDUITS == {"livre": 0.055, "restaurant": 0.1}


def test_prix_ttc():
    assert prix_ttc(100) == 120.0


def test_taux_reduit():
    assert prix_ttc(100, "livre") == 105.5


def test_taux_change_par_le_test(monkeypatch):
    """prix_ttc lit tva.TAUX au moment de l'appel"""
    monkeypatch.setattr(tva, "TAUX", 0.1)
    assert tva.prix_ttc(100) == 110.0
    assert prix_ttc(100) == pytest.approx(110.0), "n'écrivez pas 1.2 en dur : utilisez TAUX"


def test_taux_revenu_a_sa_valeur():
    assert tva.TAUX == 0.2
    assert prix_ttc(10) == 12.0


def test_devise_changee_par_chemin(monkeypatch):
    monkeypatch.setattr("tva.DEVISE", "$")
    assert etiquette(10) == "12.00 $"


def test_taux_reduit_change(monkeypatch):
    monkeypatch.setitem(tva.TAUX_REDUITS, "livre", 0.0)
    assert prix_ttc(8, "livre") == 8.0
