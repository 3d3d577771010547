from voyelles import compter_voyelles


def test_bonjour():
    """compter_voyelles("Bonjour") renvoie 3"""
    resultat = compter_voyelles("Bonjour")
    assert resultat == 3, f"« Bonjour » contient 3 voyelles (o, o, u), et non {resultat!r}"


def test_y_est_une_voyelle():
    """compter_voyelles("Python") renvoie 2 : le y compte"""
    resultat = compter_voyelles("Python")
    assert resultat == 2, f"« Python » contient 2 voyelles (y, o), et non {resultat!r}"
