# Style : set et frozenset — comparaison à un littéral d'ensemble, set == frozenset, isinstance,
# frozenset utilisé comme clé, ensemble de frozensets.
from ensembles import anagrammes, communs, lettres, sans_doublons


def test_communs():
    assert communs([1, 2, 3, 3], [3, 2, 5]) == {2, 3}


def test_communs_est_un_set():
    assert isinstance(communs([1], [1]), set)


def test_communs_vide():
    assert communs([1], [2]) == set()


def test_sans_doublons():
    assert sans_doublons(["a", "b", "a"]) == {"a", "b"}


def test_lettres_frozenset():
    resultat = lettres("Anna")
    assert isinstance(resultat, frozenset)
    assert resultat == {"a", "n"}
    assert resultat == frozenset("an")


def test_lettres_comme_cle_de_dictionnaire():
    index = {lettres("chien"): "chien"}
    assert index[frozenset("niche")] == "chien"


def test_anagrammes():
    mots = ["chien", "niche", "chine", "lion", "loin", "chat"]
    assert anagrammes(mots) == {frozenset({"chien", "niche", "chine"}), frozenset({"lion", "loin"})}
