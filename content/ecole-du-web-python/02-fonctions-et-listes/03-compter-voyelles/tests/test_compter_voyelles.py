from voyelles import compter_voyelles


def test_texte_vide():
    """compter_voyelles("") renvoie 0"""
    assert compter_voyelles("") == 0, "un texte vide ne contient aucune voyelle"


def test_majuscules():
    """Les majuscules comptent : compter_voyelles("AVION") renvoie 3"""
    assert compter_voyelles("AVION") == 3, "A, I et O sont des voyelles"


def test_accents():
    """Les voyelles accentuées comptent : compter_voyelles("Éléphant") renvoie 3"""
    assert compter_voyelles("Éléphant") == 3, "É, é et a sont des voyelles"


def test_sans_voyelle():
    """Une suite de consonnes et de chiffres donne 0"""
    assert compter_voyelles("Brrr... 123 !") == 0, "ni les consonnes, ni les chiffres, ni la ponctuation ne comptent"


def test_phrase():
    """compter_voyelles("Où est la médiathèque ?") renvoie 10"""
    assert compter_voyelles("Où est la médiathèque ?") == 10, "O, ù, e, a, é, i, a, è, u, e : attention aux majuscules et aux accents"
