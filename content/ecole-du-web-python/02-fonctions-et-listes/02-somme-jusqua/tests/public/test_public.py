from boucles import somme_jusqua


def test_somme_jusqua_4():
    """somme_jusqua(4) renvoie 10"""
    resultat = somme_jusqua(4)
    assert resultat == 10, f"1 + 2 + 3 + 4 = 10, et non {resultat!r}"


def test_somme_jusqua_1():
    """somme_jusqua(1) renvoie 1"""
    resultat = somme_jusqua(1)
    assert resultat == 1, f"la somme des entiers de 1 à 1 vaut 1, et non {resultat!r}"
