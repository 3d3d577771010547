from solution import f


def test_public():
    """f(2) renvoie 4 (test public : le message montre ce que f a renvoyé)"""
    got = f(2)
    assert got == 4, f"f(2) a renvoyé : {got!r}"
