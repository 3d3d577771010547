# Style : pytest simple — fonction renvoyant un tuple.
from stats import min_max


def test_min_max_simple():
    """min_max([3, 1, 2]) renvoie le tuple (1, 3)"""
    assert min_max([3, 1, 2]) == (1, 3), "renvoyez un tuple (plus petit, plus grand)"
