def est_palindrome(texte):
    """Renvoie True si le texte se lit pareil dans les deux sens (sans tenir compte des majuscules ni des espaces)."""
    # Ce code ne fonctionne que pour les mots en minuscules, sans espace : améliorez-le.
    return texte == texte[::-1]
