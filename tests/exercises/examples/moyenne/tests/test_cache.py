from notes import moyenne

SECRET_EXPECTED = 424242


def test_liste_vide():
    """La moyenne d'une liste vide vaut 0"""
    assert moyenne([]) == 0


def test_valeur_secrete():
    assert moyenne([SECRET_EXPECTED]) == SECRET_EXPECTED
