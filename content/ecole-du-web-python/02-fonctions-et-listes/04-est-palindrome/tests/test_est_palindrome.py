from palindromes import est_palindrome


def test_phrase_avec_espaces():
    """est_palindrome("Engage le jeu que je le gagne") renvoie True"""
    assert est_palindrome("Engage le jeu que je le gagne") is True, "les espaces ne comptent pas"


def test_autre_phrase():
    """est_palindrome("Karine alla en Irak") renvoie True"""
    assert est_palindrome("Karine alla en Irak") is True, "ni les majuscules ni les espaces ne comptent"


def test_texte_vide():
    """Un texte vide est un palindrome"""
    assert est_palindrome("") is True, "le texte vide se lit pareil dans les deux sens"


def test_une_lettre():
    """Une seule lettre est un palindrome"""
    assert est_palindrome("A") is True, "une lettre seule se lit pareil dans les deux sens"


def test_deux_lettres_differentes():
    """est_palindrome("ab") renvoie False"""
    assert est_palindrome("ab") is False, "« ab » à l'envers donne « ba »"


def test_presque_palindrome():
    """est_palindrome("Un roc si biscornus") renvoie False"""
    assert est_palindrome("Un roc si biscornus") is False, "la dernière lettre ne correspond pas à la première"
