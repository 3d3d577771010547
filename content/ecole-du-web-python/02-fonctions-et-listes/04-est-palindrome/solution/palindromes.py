def est_palindrome(texte):
    """Renvoie True si le texte se lit pareil dans les deux sens (sans tenir compte des majuscules ni des espaces)."""
    lettres = texte.lower().replace(" ", "")
    return lettres == lettres[::-1]
