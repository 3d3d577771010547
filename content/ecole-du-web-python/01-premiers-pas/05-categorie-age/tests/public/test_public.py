from ages import categorie_age


def test_enfant():
    """categorie_age(8) renvoie "enfant" """
    assert categorie_age(8) == "enfant", f"à 8 ans on est un enfant, pas {categorie_age(8)!r}"


def test_adolescent():
    """categorie_age(15) renvoie "adolescent" """
    assert categorie_age(15) == "adolescent", f"à 15 ans on est un adolescent, pas {categorie_age(15)!r}"


def test_senior():
    """categorie_age(70) renvoie "senior" """
    assert categorie_age(70) == "senior", f"à 70 ans on est un senior, pas {categorie_age(70)!r}"
