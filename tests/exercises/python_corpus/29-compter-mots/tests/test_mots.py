# Style : collections.Counter — comparé à un dict ordinaire et à un Counter, isinstance, clé absente
# qui vaut 0, most_common, liste de tuples.
from collections import Counter

from mots import compter_lettres, compter_mots, plus_frequents


def test_compter_mots_est_un_counter():
    assert isinstance(compter_mots("a b a"), Counter), "renvoyez un collections.Counter"


def test_compter_mots_egal_a_un_counter():
    assert compter_mots("Le chat LE chien") == Counter({"le": 2, "chat": 1, "chien": 1})


def test_compter_mots_egal_a_un_dict():
    assert compter_mots("un deux un") == {"un": 2, "deux": 1}


def test_mot_absent_vaut_zero():
    assert compter_mots("un deux")["trois"] == 0


def test_compter_lettres():
    assert compter_lettres("Été, été !") == Counter({"é": 4, "t": 2})


def test_most_common_du_resultat():
    assert compter_lettres("ananas").most_common(1) == [("a", 3)]
    assert compter_lettres("ananas").most_common() == [("a", 3), ("n", 2), ("s", 1)]


def test_plus_frequents():
    texte = "a b c a b a d"
    assert plus_frequents(texte, 2) == [("a", 3), ("b", 2)]


def test_addition_de_compteurs():
    total = compter_mots("a b") + compter_mots("b c")
    assert total == {"a": 1, "b": 2, "c": 1}
