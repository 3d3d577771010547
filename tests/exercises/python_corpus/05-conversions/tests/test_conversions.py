# Style : autocorrecteur universitaire — parametrize avec ids=, pytest.param(..., id=...),
# parametrize empilés (produit cartésien) et range() ; int, float, str et None.
import pytest

from conversions import celsius_vers_fahrenheit, depuis_binaire, en_binaire, note_sur_20


@pytest.mark.parametrize(
    "celsius, fahrenheit",
    [(0, 32), (100, 212), (-40, -40), (37, 98.6)],
    ids=["gel", "ebullition", "egalite", "corps-humain"],
)
def test_celsius_vers_fahrenheit(celsius, fahrenheit):
    assert celsius_vers_fahrenheit(celsius) == pytest.approx(fahrenheit)


@pytest.mark.parametrize("n, attendu", [
    pytest.param(0, "0", id="zero"),
    pytest.param(1, "1", id="un"),
    pytest.param(5, "101", id="cinq"),
    pytest.param(255, "11111111", id="octet-plein"),
])
def test_en_binaire(n, attendu):
    assert en_binaire(n) == attendu, "une chaîne de 0 et de 1, sans le préfixe 0b"


@pytest.mark.parametrize("n", range(0, 33, 4))
def test_aller_retour(n):
    """depuis_binaire(en_binaire(n)) redonne n"""
    assert depuis_binaire(en_binaire(n)) == n


@pytest.mark.parametrize("total", [10, 40])
@pytest.mark.parametrize("part", [0, 0.5, 1])
def test_note_sur_20(part, total):
    assert note_sur_20(part * total, total) == pytest.approx(part * 20)


def test_note_total_nul():
    """note_sur_20 renvoie None quand le total vaut 0"""
    assert note_sur_20(5, 0) is None
