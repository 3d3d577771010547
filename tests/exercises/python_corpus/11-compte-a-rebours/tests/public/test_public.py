# Style : pytest simple — list() d'un générateur.
from rebours import compte_a_rebours


def test_liste_du_compte_a_rebours():
    """list(compte_a_rebours(3)) vaut [3, 2, 1]"""
    assert list(compte_a_rebours(3)) == [3, 2, 1]
