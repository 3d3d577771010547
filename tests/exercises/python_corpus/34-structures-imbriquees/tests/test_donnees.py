# Style : structures imbriquées (dict de listes, dict de dicts, liste de listes) comparées en une fois,
# et bytes (littéraux b"...", isinstance, len en octets).
import pytest

from donnees import bulletin, depuis_octets, en_octets, inverser_octets, regrouper, transposer

ELEVES = [
    {"nom": "Ana", "classe": "6A", "notes": [12, 14]},
    {"nom": "Bo", "classe": "6B", "notes": [9]},
    {"nom": "Léo", "classe": "6A", "notes": [15, 16, 17]},
]


def test_regrouper():
    assert regrouper(ELEVES) == {"6A": ["Ana", "Léo"], "6B": ["Bo"]}


def test_regrouper_vide():
    assert regrouper([]) == {}


def test_bulletin_imbrique():
    assert bulletin(ELEVES) == {"6A": {"Ana": 13.0, "Léo": 16.0}, "6B": {"Bo": 9.0}}


def test_bulletin_ne_modifie_pas_l_entree():
    avant = [dict(e, notes=list(e["notes"])) for e in ELEVES]
    bulletin(ELEVES)
    assert ELEVES == avant


def test_transposer():
    assert transposer([[1, 2, 3], [4, 5, 6]]) == [[1, 4], [2, 5], [3, 6]]


def test_en_octets():
    resultat = en_octets("été")
    assert isinstance(resultat, bytes)
    assert resultat == b"\xc3\xa9t\xc3\xa9"
    assert len(resultat) == 5


def test_depuis_octets():
    assert depuis_octets(b"caf\xc3\xa9") == "café"


@pytest.mark.parametrize("octets, attendu", [(b"abc", b"cba"), (b"", b""), (bytes([1, 2, 255]), b"\xff\x02\x01")])
def test_inverser_octets(octets, attendu):
    assert inverser_octets(octets) == attendu
