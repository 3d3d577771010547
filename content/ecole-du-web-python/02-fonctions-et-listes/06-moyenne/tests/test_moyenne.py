import pytest

from notes import moyenne


def test_trois_notes():
    """moyenne([12, 15, 9]) renvoie 12"""
    assert moyenne([12, 15, 9]) == pytest.approx(12), "(12 + 15 + 9) / 3 = 12"


def test_notes_a_virgule():
    """moyenne([14.5, 16]) renvoie 15.25 (sans arrondi)"""
    assert moyenne([14.5, 16]) == pytest.approx(15.25), "(14,5 + 16) / 2 = 15,25"


def test_une_seule_note():
    """La moyenne d'une seule note est cette note"""
    assert moyenne([7]) == pytest.approx(7), "une seule note : la moyenne est cette note"


def test_liste_vide():
    """moyenne([]) renvoie 0 sans erreur"""
    assert moyenne([]) == 0, "la moyenne d'une liste vide vaut 0"


def test_liste_non_modifiee():
    """La liste reçue n'est pas modifiée"""
    notes = [8, 12, 16]
    moyenne(notes)
    assert notes == [8, 12, 16], "la fonction ne doit pas modifier la liste reçue"


def test_notes_a_zero():
    """moyenne([0, 0, 0]) renvoie 0"""
    assert moyenne([0, 0, 0]) == pytest.approx(0), "des notes à 0 donnent une moyenne de 0"
