# Style : pytest simple — construire l'objet de l'apprenant et appeler une méthode.
from formes import Rectangle


def test_aire():
    """Rectangle(3, 4).aire() vaut 12"""
    assert Rectangle(3, 4).aire() == 12
