from pairs import filtrer_pairs


def test_zero_et_negatifs():
    """Zéro et les nombres négatifs pairs sont gardés"""
    assert filtrer_pairs([7, 0, -4, 9, -3]) == [0, -4], "0 et -4 sont pairs, -3 ne l'est pas"


def test_liste_vide():
    """filtrer_pairs([]) renvoie []"""
    assert filtrer_pairs([]) == [], "une liste vide donne une liste vide"


def test_ordre_conserve():
    """L'ordre des nombres est conservé"""
    assert filtrer_pairs([10, 3, 2, 8, 5, 4]) == [10, 2, 8, 4], "les nombres pairs doivent rester dans l'ordre d'origine"


def test_doublons_conserves():
    """Les doublons sont conservés"""
    assert filtrer_pairs([2, 2, 3, 2]) == [2, 2, 2], "chaque nombre pair est gardé, même répété"


def test_liste_non_modifiee():
    """La liste reçue n'est pas modifiée"""
    nombres = [1, 2, 3, 4]
    filtrer_pairs(nombres)
    assert nombres == [1, 2, 3, 4], "la fonction doit construire une nouvelle liste sans toucher à celle reçue"


def test_nouvelle_liste():
    """La fonction renvoie une nouvelle liste, pas celle reçue"""
    nombres = [2, 4]
    assert filtrer_pairs(nombres) is not nombres, "il faut renvoyer une nouvelle liste"
