# Style : modification sur place — la fonction de l'apprenant reçoit la liste du test, renvoie None ;
# le test relit sa propre liste (et vérifie que c'est le même objet).
import pytest

from en_place import ajouter_si_absent, doubler, retirer_negatifs, trier_notes, vider


def test_trier_notes_renvoie_none():
    notes = [12, 8, 15]
    assert trier_notes(notes) is None, "la fonction trie la liste reçue et ne renvoie rien"


def test_trier_notes_modifie_la_liste_du_test():
    notes = [12, 8, 15, 10]
    trier_notes(notes)
    assert notes == [15, 12, 10, 8], "utilisez notes.sort(...) : sorted() crée une nouvelle liste"


def test_ajouter_si_absent():
    courses = ["pain"]
    ajouter_si_absent(courses, "lait")
    ajouter_si_absent(courses, "pain")
    assert courses == ["pain", "lait"]


def test_retirer_negatifs_meme_objet():
    nombres = [3, -1, 0, -7, 5]
    alias = nombres
    retirer_negatifs(nombres)
    assert alias is nombres
    assert nombres == [3, 0, 5]


@pytest.mark.parametrize("nombres, attendu", [([1, 2, 3], [2, 4, 6]), ([], []), ([-0.5], [-1.0])])
def test_doubler(nombres, attendu):
    doubler(nombres)
    assert nombres == attendu


def test_vider():
    liste = [1, 2, 3]
    copie = liste
    vider(liste)
    assert copie == []
