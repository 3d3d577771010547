VOYELLES = "aeiouyàâäéèêëîïôöùûüÿ"


def compter_voyelles(texte):
    """Renvoie le nombre de voyelles (majuscules et accents compris) du texte."""
    total = 0
    for lettre in texte.lower():
        if lettre in VOYELLES:
            total = total + 1
    return total
