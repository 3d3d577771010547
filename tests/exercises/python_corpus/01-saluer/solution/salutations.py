VOYELLES = "aeiouyàâéèêëîïôùûü"


def saluer(nom):
    return f"Bonjour {nom} !"


def est_palindrome(mot):
    lettres = mot.lower().replace(" ", "")
    return lettres == lettres[::-1]


def initiales(nom_complet):
    return "".join(partie[0].upper() for partie in nom_complet.split())


def premiere_voyelle(mot):
    for position, lettre in enumerate(mot):
        if lettre.lower() in VOYELLES:
            return position
    return None
