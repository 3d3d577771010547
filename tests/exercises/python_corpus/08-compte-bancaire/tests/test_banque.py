# Style : pytest avec fixture qui construit l'objet de l'apprenant ; @property en lecture seule ;
# attributs de classe ; exceptions de l'apprenant (pytest.raises(SoldeInsuffisant), excinfo.value.args,
# une exception de l'apprenant sous-classe de ValueError attrapée par pytest.raises(ValueError)).
import pytest

from banque import Compte, MontantInvalide, SoldeInsuffisant


@pytest.fixture
def compte():
    """Un compte d'Ana avec 100 €."""
    return Compte("Ana", 100)


def test_titulaire_et_solde(compte):
    assert compte.titulaire == "Ana"
    assert compte.solde == 100


def test_solde_par_defaut():
    assert Compte("Bo").solde == 0


def test_solde_est_une_propriete():
    """solde est une propriété (@property)"""
    assert isinstance(Compte.solde, property), "définissez solde avec @property"


def test_solde_en_lecture_seule(compte):
    """On ne peut pas écrire compte.solde = ..."""
    with pytest.raises(AttributeError):
        compte.solde = 1_000_000


def test_devise_attribut_de_classe(compte):
    assert Compte.devise == "EUR"
    assert compte.devise == "EUR"


def test_nombre_de_comptes():
    """Chaque compte créé augmente Compte.nombre_de_comptes de 1"""
    avant = Compte.nombre_de_comptes
    Compte("Chloé")
    Compte("Driss")
    assert Compte.nombre_de_comptes == avant + 2


def test_depot_et_historique(compte):
    compte.deposer(50)
    assert compte.solde == 150
    assert compte.historique == [("depot", 50)]


def test_retrait(compte):
    compte.retirer(30)
    assert compte.solde == 70
    assert compte.historique == [("retrait", 30)]


def test_retrait_trop_grand_leve_solde_insuffisant(compte):
    with pytest.raises(SoldeInsuffisant):
        compte.retirer(500)


def test_solde_insuffisant_porte_le_solde_et_le_montant(compte):
    """SoldeInsuffisant(solde, montant) : excinfo.value.args vaut (100, 500)"""
    with pytest.raises(SoldeInsuffisant) as excinfo:
        compte.retirer(500)
    assert excinfo.value.args == (100, 500)
    assert compte.solde == 100, "un retrait refusé ne change pas le solde"


def test_montant_invalide_est_une_valueerror(compte):
    """Un dépôt négatif lève une ValueError (MontantInvalide)"""
    with pytest.raises(ValueError):
        compte.deposer(-5)


def test_montant_invalide_au_retrait(compte):
    with pytest.raises(MontantInvalide, match="montant invalide"):
        compte.retirer(0)


def test_hierarchie_des_exceptions():
    assert issubclass(MontantInvalide, ValueError)
    assert issubclass(SoldeInsuffisant, Exception)
    assert not issubclass(SoldeInsuffisant, ValueError)
