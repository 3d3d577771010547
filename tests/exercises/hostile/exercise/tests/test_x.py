from solution import f

SECRET_EXPECTED = 8642


def test_f():
    """f(2) renvoie 4"""
    assert f(2) == 4 and f(SECRET_EXPECTED // 2) == SECRET_EXPECTED
