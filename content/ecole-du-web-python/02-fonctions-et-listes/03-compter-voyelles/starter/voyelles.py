VOYELLES = "aeiouyàâäéèêëîïôöùûüÿ"


def compter_voyelles(texte):
    """Renvoie le nombre de voyelles (majuscules et accents compris) du texte."""
    # Ce code oublie le y, les majuscules et les accents : corrigez-le.
    total = 0
    for lettre in texte:
        if lettre in "aeiou":
            total = total + 1
    return total
