from boucles import somme_jusqua


def test_zero():
    """somme_jusqua(0) renvoie 0"""
    assert somme_jusqua(0) == 0, "rien à additionner : 0"


def test_negatif():
    """somme_jusqua(-5) renvoie 0"""
    assert somme_jusqua(-5) == 0, "un n négatif donne 0"


def test_cent():
    """somme_jusqua(100) renvoie 5050"""
    assert somme_jusqua(100) == 5050, "1 + 2 + ... + 100 = 5050"


def test_deux():
    """somme_jusqua(2) renvoie 3 (le dernier nombre est bien compté)"""
    assert somme_jusqua(2) == 3, "1 + 2 = 3 : n doit être inclus"


def test_grand_nombre():
    """somme_jusqua(10000) renvoie 50005000"""
    assert somme_jusqua(10000) == 50005000, "1 + 2 + ... + 10000 = 50005000"
