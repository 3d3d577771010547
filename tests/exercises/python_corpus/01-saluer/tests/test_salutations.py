# Style : pytest simple — fonctions renvoyant str, bool et None (comparaisons avec ==, is True, is None).
from salutations import est_palindrome, initiales, premiere_voyelle, saluer


def test_saluer_renvoie_une_chaine():
    """saluer renvoie une chaîne (elle n'affiche rien)"""
    resultat = saluer("Léo")
    assert isinstance(resultat, str), "saluer doit renvoyer une chaîne avec return"
    assert resultat == "Bonjour Léo !"


def test_palindrome_vrai():
    """kayak est un palindrome"""
    assert est_palindrome("kayak") is True


def test_palindrome_majuscules_et_espaces():
    """« Esope reste ici et se repose » est un palindrome"""
    assert est_palindrome("Esope reste ici et se repose") is True, "les majuscules et les espaces ne comptent pas"


def test_palindrome_faux():
    """python n'est pas un palindrome"""
    assert est_palindrome("python") is False


def test_initiales():
    """initiales("ana maria lopez") renvoie "AML" """
    assert initiales("ana maria lopez") == "AML"


def test_premiere_voyelle_position():
    """la première voyelle de « chat » est en position 2"""
    assert premiere_voyelle("chat") == 2


def test_premiere_voyelle_absente():
    """sans voyelle, premiere_voyelle renvoie None"""
    assert premiere_voyelle("tsk") is None, "renvoyez None quand le mot n'a pas de voyelle"
