# Style : pytest simple — fonction renvoyant une chaîne (str).
from salutations import saluer


def test_saluer_ana():
    """saluer("Ana") renvoie "Bonjour Ana !" """
    assert saluer("Ana") == "Bonjour Ana !", "la salutation est « Bonjour », le nom, une espace et « ! »"
