# Style : pytest simple sur une classe — construction, attributs lus et modifiés, méthodes,
# __eq__ entre deux instances, __repr__/__str__, isinstance, méthode qui modifie l'objet.
from formes import Rectangle


def test_attributs():
    """Le constructeur garde largeur et hauteur dans des attributs"""
    r = Rectangle(3, 4)
    assert r.largeur == 3
    assert r.hauteur == 4


def test_isinstance():
    assert isinstance(Rectangle(1, 2), Rectangle)


def test_modifier_un_attribut():
    """Après r.largeur = 5, l'aire tient compte de la nouvelle largeur"""
    r = Rectangle(3, 4)
    r.largeur = 5
    assert r.aire() == 20, "aire() doit utiliser self.largeur, pas une valeur gardée à la construction"


def test_perimetre():
    assert Rectangle(3, 4).perimetre() == 14


def test_est_carre():
    assert Rectangle(2, 2).est_carre() is True
    assert Rectangle(2, 3).est_carre() is False


def test_agrandir_modifie_l_objet():
    """agrandir(2) double les côtés du rectangle lui-même"""
    r = Rectangle(3, 4)
    assert r.agrandir(2) is None
    assert (r.largeur, r.hauteur) == (6, 8)


def test_egalite_entre_instances():
    """Deux rectangles de mêmes dimensions sont égaux"""
    assert Rectangle(3, 4) == Rectangle(3, 4), "définissez __eq__"
    assert Rectangle(3, 4) != Rectangle(4, 3)


def test_egalite_dans_une_liste():
    assert Rectangle(2, 2) in [Rectangle(1, 1), Rectangle(2, 2)]
    assert [Rectangle(1, 2)] == [Rectangle(1, 2)]


def test_egalite_avec_autre_chose():
    assert Rectangle(3, 4) != (3, 4)


def test_repr():
    assert repr(Rectangle(3, 4)) == "Rectangle(3, 4)"
    assert repr([Rectangle(1, 2)]) == "[Rectangle(1, 2)]"


def test_str():
    r = Rectangle(3, 4)
    assert str(r) == "Rectangle 3 × 4"
    assert f"{r}" == "Rectangle 3 × 4"
