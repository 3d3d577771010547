# Style : pytest — exceptions de l'apprenant : pytest.raises(AgeInvalide), une sous-classe de ValueError
# attrapée par pytest.raises(ValueError) et par sa classe de base, excinfo.value.args, attribut de
# l'exception (excinfo.value.age), isinstance sur excinfo.value.
import pytest

from inscription import AgeInvalide, EmailInvalide, InscriptionInvalide, inscrire


def test_inscription_valide():
    assert inscrire("Ana", 30, "ana@exemple.fr") == {"nom": "Ana", "age": 30, "email": "ana@exemple.fr"}


def test_age_negatif_leve_age_invalide():
    with pytest.raises(AgeInvalide):
        inscrire("Bo", -3, "bo@exemple.fr")


def test_age_invalide_est_une_valueerror():
    """AgeInvalide est attrapée par pytest.raises(ValueError)"""
    with pytest.raises(ValueError):
        inscrire("Bo", 200, "bo@exemple.fr")


def test_age_invalide_est_une_inscription_invalide():
    with pytest.raises(InscriptionInvalide):
        inscrire("Bo", 131, "bo@exemple.fr")


def test_args_de_l_exception():
    with pytest.raises(AgeInvalide) as excinfo:
        inscrire("Bo", -3, "bo@exemple.fr")
    assert excinfo.value.args == ("âge invalide : -3",)
    assert excinfo.value.age == -3
    assert isinstance(excinfo.value, ValueError)


def test_email_invalide_match():
    with pytest.raises(EmailInvalide, match="@"):
        inscrire("Chloé", 20, "chloe.exemple.fr")


def test_hierarchie():
    assert issubclass(InscriptionInvalide, ValueError)
    assert issubclass(AgeInvalide, InscriptionInvalide)
    assert issubclass(EmailInvalide, InscriptionInvalide)
