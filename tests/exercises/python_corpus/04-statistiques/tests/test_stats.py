# Style : tables pytest.mark.parametrize (autocorrecteurs universitaires) — fonctions renvoyant
# tuple, dict, list et float (pytest.approx).
import pytest

from stats import au_dessus, frequences, mediane, min_max


@pytest.mark.parametrize("nombres, attendu", [
    ([3, 1, 2], (1, 3)),
    ([5], (5, 5)),
    ([-2, 0, 7, 7], (-2, 7)),
    ([1.5, -0.5], (-0.5, 1.5)),
])
def test_min_max(nombres, attendu):
    resultat = min_max(nombres)
    assert isinstance(resultat, tuple), "min_max doit renvoyer un tuple"
    assert resultat == attendu


@pytest.mark.parametrize("valeurs, attendu", [
    (["a", "b", "a"], {"a": 2, "b": 1}),
    ([], {}),
    ([1, 1, 1], {1: 3}),
])
def test_frequences(valeurs, attendu):
    assert frequences(valeurs) == attendu


@pytest.mark.parametrize("nombres, seuil, attendu", [
    ([1, 5, 3, 8], 3, [5, 8]),
    ([1, 2], 10, []),
    ([4, 4, 5], 4, [5]),
])
def test_au_dessus(nombres, seuil, attendu):
    assert au_dessus(nombres, seuil) == attendu, "gardez l'ordre de la liste et seulement les nombres > seuil"


@pytest.mark.parametrize("nombres, attendu", [([3, 1, 2], 2), ([4, 1, 3, 2], 2.5), ([7], 7), ([0.1, 0.2], 0.15)])
def test_mediane(nombres, attendu):
    assert mediane(nombres) == pytest.approx(attendu)
