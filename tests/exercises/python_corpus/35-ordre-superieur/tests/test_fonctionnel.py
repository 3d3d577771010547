# Style : rappels (callbacks) — lambdas, fonctions définies dans le test, fonctions natives (str.upper, abs,
# len), objet appelable, key=len transmis à sorted, appels comptés par une fermeture et par unittest.mock.Mock.
from unittest.mock import Mock

from fonctionnel import appliquer, composer, filtrer, trier


def test_appliquer_fonction_du_test():
    def carre(x):
        return x * x

    assert appliquer(carre, [1, 2, 3]) == [1, 4, 9]


def test_appliquer_fonctions_natives():
    assert appliquer(str.upper, ["a", "b"]) == ["A", "B"]
    assert appliquer(abs, [-1, 2]) == [1, 2]


def test_appliquer_objet_appelable():
    class Multiplier:
        def __init__(self, facteur):
            self.facteur = facteur

        def __call__(self, x):
            return x * self.facteur

    assert appliquer(Multiplier(10), [1, 2]) == [10, 20]


def test_filtrer_lambda():
    assert filtrer(lambda x: x % 2 == 0, [1, 2, 3, 4]) == [2, 4]


def test_filtrer_appelle_le_predicat_une_fois_par_element():
    appels = []

    def positif(x):
        appels.append(x)
        return x > 0

    assert filtrer(positif, [3, -1, 2]) == [3, 2]
    assert appels == [3, -1, 2], "appelez le prédicat une seule fois par élément, dans l'ordre"


def test_filtrer_avec_un_mock():
    predicat = Mock(side_effect=lambda x: x != "b")
    assert filtrer(predicat, ["a", "b", "c"]) == ["a", "c"]
    assert predicat.call_count == 3
    predicat.assert_called_with("c")


def test_trier_key_len():
    assert trier(["ccc", "a", "bb"], key=len) == ["a", "bb", "ccc"]


def test_trier_key_et_reverse():
    mots = ["Banane", "abricot", "Cerise"]
    assert trier(mots, key=str.lower, reverse=True) == ["Cerise", "Banane", "abricot"]
    assert mots == ["Banane", "abricot", "Cerise"], "trier renvoie une nouvelle liste"


def test_trier_sans_key():
    assert trier([3, 1, 2]) == [1, 2, 3]


def test_composer():
    plus_un_puis_double = composer(lambda x: x * 2, lambda x: x + 1)
    assert callable(plus_un_puis_double)
    assert plus_un_puis_double(3) == 8
