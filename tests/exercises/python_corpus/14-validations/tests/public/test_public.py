# Style : pytest simple — pytest.raises(ValueError).
import pytest

from validation import racine_carree


def test_racine_d_un_negatif():
    """racine_carree(-1) lève une ValueError"""
    with pytest.raises(ValueError):
        racine_carree(-1)
