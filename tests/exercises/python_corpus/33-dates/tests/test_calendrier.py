# Style : datetime.date et timedelta — résultats comparés à date(...) et timedelta(...), .days,
# isinstance ; tables parametrize de dates.
from datetime import date, datetime, timedelta

import pytest

from calendrier import age, duree, jours_ouvres, lendemain, lire_date, nom_du_jour


@pytest.mark.parametrize("jour, attendu", [
    (date(2024, 3, 14), date(2024, 3, 15)),
    (date(2024, 2, 28), date(2024, 2, 29)),
    (date(2023, 2, 28), date(2023, 3, 1)),
    (date(2024, 12, 31), date(2025, 1, 1)),
])
def test_lendemain(jour, attendu):
    assert lendemain(jour) == attendu


def test_duree_timedelta():
    resultat = duree(date(2024, 7, 1), date(2024, 7, 15))
    assert resultat == timedelta(days=14)
    assert isinstance(resultat, timedelta)
    assert resultat.days == 14


def test_duree_avec_des_heures():
    assert duree(datetime(2024, 1, 1, 8, 0), datetime(2024, 1, 1, 17, 30)) == timedelta(hours=9, minutes=30)


@pytest.mark.parametrize("naissance, aujourdhui, attendu", [
    (date(2000, 5, 10), date(2024, 5, 10), 24),
    (date(2000, 5, 10), date(2024, 5, 9), 23),
    (date(2004, 2, 29), date(2024, 3, 1), 20),
])
def test_age(naissance, aujourdhui, attendu):
    assert age(naissance, aujourdhui) == attendu


def test_lire_date():
    resultat = lire_date("14/07/2024")
    assert resultat == date(2024, 7, 14)
    assert type(resultat) is date, "renvoyez une date, pas un datetime"


def test_jours_ouvres():
    assert jours_ouvres(date(2024, 7, 12), date(2024, 7, 16)) == [date(2024, 7, 12), date(2024, 7, 15), date(2024, 7, 16)]


def test_nom_du_jour():
    assert nom_du_jour(date(2024, 7, 14)) == "dimanche"
