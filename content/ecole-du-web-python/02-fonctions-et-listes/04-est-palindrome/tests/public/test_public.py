from palindromes import est_palindrome


def test_radar():
    """est_palindrome("radar") renvoie True"""
    assert est_palindrome("radar") is True, "« radar » se lit pareil dans les deux sens"


def test_majuscules_ignorees():
    """est_palindrome("Kayak") renvoie True : les majuscules ne comptent pas"""
    assert est_palindrome("Kayak") is True, "« Kayak » est un palindrome si l'on ne tient pas compte de la majuscule"


def test_pas_un_palindrome():
    """est_palindrome("Bonjour") renvoie False"""
    assert est_palindrome("Bonjour") is False, "« Bonjour » à l'envers donne « ruojnoB » : ce n'est pas un palindrome"
