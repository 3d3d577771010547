import pytest

from banque import CompteBancaire


def test_creation():
    """Un nouveau compte a un titulaire et un solde de 0 par défaut"""
    compte = CompteBancaire("Karim Haddad")
    assert compte.titulaire == "Karim Haddad", "le titulaire doit être enregistré"
    assert compte.solde == 0, "le solde de départ vaut 0 par défaut"


def test_plusieurs_operations():
    """Plusieurs dépôts et retraits s'enchaînent correctement"""
    compte = CompteBancaire("Léa Dubois")
    compte.deposer(200)
    compte.retirer(45)
    compte.deposer(20)
    compte.retirer(75)
    assert compte.solde == 100, "0 + 200 - 45 + 20 - 75 = 100"


def test_solde_inchange_apres_refus():
    """Un retrait refusé ne change pas le solde"""
    compte = CompteBancaire("Léa Dubois", 80)
    with pytest.raises(ValueError):
        compte.retirer(80.01)
    assert compte.solde == 80, "le solde ne doit pas changer quand le retrait est refusé"


def test_retirer_tout_le_solde():
    """Retirer exactement le solde est permis"""
    compte = CompteBancaire("Léa Dubois", 60)
    compte.retirer(60)
    assert compte.solde == 0, "retirer tout le solde laisse 0"


def test_montants_negatifs_ou_nuls():
    """Déposer ou retirer un montant nul ou négatif lève une ValueError"""
    compte = CompteBancaire("Léa Dubois", 50)
    for operation, montant in ((compte.deposer, 0), (compte.deposer, -10), (compte.retirer, 0), (compte.retirer, -10)):
        with pytest.raises(ValueError):
            operation(montant)
    assert compte.solde == 50, "les opérations refusées ne changent pas le solde"


def test_comptes_independants():
    """Deux comptes ont chacun leur propre solde"""
    premier = CompteBancaire("Awa Diallo", 10)
    second = CompteBancaire("Lucas Martin", 10)
    premier.deposer(5)
    assert (premier.solde, second.solde) == (15, 10), "utilisez self.solde : chaque compte a son propre solde"
