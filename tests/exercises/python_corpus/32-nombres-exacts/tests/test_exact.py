# Style : decimal.Decimal et fractions.Fraction — égalité exacte avec Decimal("...") et Fraction(a, b),
# isinstance, str() d'un Decimal, Fraction comparée à un float exact et à un entier.
from decimal import Decimal
from fractions import Fraction

from exact import arrondir_centimes, lire_fraction, prix_ttc, somme_fractions, total_ticket


def test_total_exact():
    """0.10 + 0.20 fait exactement 0.30"""
    assert total_ticket(["0.10", "0.20"]) == Decimal("0.30")


def test_total_est_un_decimal():
    resultat = total_ticket(["1.10", "2.20", "3.30"])
    assert isinstance(resultat, Decimal)
    assert str(resultat) == "6.60"


def test_total_vide():
    assert total_ticket([]) == 0


def test_arrondi_demi_vers_le_haut():
    assert arrondir_centimes(Decimal("2.675")) == Decimal("2.68")
    assert arrondir_centimes(Decimal("2.674")) == Decimal("2.67")


def test_prix_ttc():
    assert prix_ttc(Decimal("19.99"), Decimal("0.2")) == Decimal("23.99")
    assert prix_ttc("10", "0.055") == Decimal("10.55")


def test_somme_fractions():
    assert somme_fractions([Fraction(1, 3), Fraction(1, 6)]) == Fraction(1, 2)


def test_somme_fractions_type():
    resultat = somme_fractions([Fraction(1, 3)] * 3)
    assert isinstance(resultat, Fraction)
    assert resultat == 1


def test_lire_fraction():
    f = lire_fraction("3/4")
    assert f == Fraction(3, 4)
    assert f == 0.75
    assert (f.numerator, f.denominator) == (3, 4)


def test_lire_fraction_simplifiee():
    assert lire_fraction("6/8") == Fraction(3, 4)
    assert str(lire_fraction("6/8")) == "3/4"
