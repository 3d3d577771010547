# Style : namedtuple — résultat comparé à un tuple ordinaire, lu par champ (.x, .nom), dépaquetage,
# _asdict(), isinstance sur la classe de l'apprenant ; typing.NamedTuple.
from points import Point, Ville, milieu, plus_peuplee, translater


def test_milieu_egal_a_un_tuple():
    assert milieu(Point(0, 0), Point(2, 4)) == (1, 2)


def test_milieu_lu_par_champ():
    m = milieu(Point(0, 0), Point(2, 4))
    assert m.x == 1, "renvoyez un Point : le résultat doit avoir un champ x"
    assert m.y == 2


def test_milieu_est_un_point():
    assert isinstance(milieu((0, 0), (1, 1)), Point)


def test_depaquetage_et_asdict():
    x, y = translater(Point(1, 1), 2, 3)
    assert (x, y) == (3, 4)
    assert translater((1, 1), 2, 3)._asdict() == {"x": 3, "y": 4}


def test_translater_egal_a_un_point():
    assert translater(Point(0, 0), -1, 5) == Point(-1, 5)


def test_plus_peuplee():
    villes = [Ville("Lyon", 520_000), ("Marseille", 870_000), Ville("Nice", 340_000)]
    ville = plus_peuplee(villes)
    assert ville == ("Marseille", 870_000)
    assert ville.nom == "Marseille"
    assert isinstance(ville, Ville)
