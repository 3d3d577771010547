from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENTIME = Decimal("0.01")


def total_ticket(prix):
    return sum((Decimal(p) for p in prix), Decimal("0.00"))


def arrondir_centimes(montant):
    return Decimal(montant).quantize(CENTIME, rounding=ROUND_HALF_UP)


def prix_ttc(ht, taux):
    return arrondir_centimes(Decimal(ht) * (1 + Decimal(taux)))


def somme_fractions(fractions):
    return sum(fractions, Fraction(0))


def lire_fraction(texte):
    return Fraction(texte)
