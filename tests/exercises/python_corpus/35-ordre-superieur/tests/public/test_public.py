# Style : rappel — le test passe une lambda à la fonction de l'apprenant.
from fonctionnel import appliquer


def test_appliquer_double():
    """appliquer(lambda x: x * 2, [1, 2]) renvoie [2, 4]"""
    assert appliquer(lambda x: x * 2, [1, 2]) == [2, 4]
