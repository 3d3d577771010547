from notes import moyenne


def test_deux_notes():
    """moyenne([10, 20]) renvoie 15"""
    assert moyenne([10, 20]) == 15, "la moyenne de 10 et 20 vaut 15"
