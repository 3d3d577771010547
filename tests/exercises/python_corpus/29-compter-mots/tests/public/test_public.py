# Style : pytest simple — un Counter comparé à un dictionnaire ordinaire.
from mots import compter_mots


def test_compter_mots():
    """compter_mots("le chat et le chien") compte « le » deux fois"""
    assert compter_mots("le chat et le chien") == {"le": 2, "chat": 1, "et": 1, "chien": 1}
