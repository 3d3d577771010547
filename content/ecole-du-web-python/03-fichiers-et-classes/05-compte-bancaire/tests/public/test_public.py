import pytest

from banque import CompteBancaire


def test_deposer():
    """Déposer 50 sur un compte de 100 donne un solde de 150"""
    compte = CompteBancaire("Awa Diallo", 100)
    compte.deposer(50)
    assert compte.solde == 150, f"100 + 50 = 150, mais le solde vaut {compte.solde!r}"


def test_retirer():
    """Retirer 30 d'un compte de 100 donne un solde de 70"""
    compte = CompteBancaire("Awa Diallo", 100)
    compte.retirer(30)
    assert compte.solde == 70, f"100 - 30 = 70, mais le solde vaut {compte.solde!r}"


def test_solde_insuffisant():
    """Retirer plus que le solde lève une ValueError"""
    compte = CompteBancaire("Awa Diallo", 100)
    with pytest.raises(ValueError):
        compte.retirer(500)
