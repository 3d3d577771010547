from mots import compter_mots


def test_texte_vide():
    """compter_mots("") renvoie un dictionnaire vide"""
    assert compter_mots("") == {}, "un texte vide ne contient aucun mot"


def test_seulement_des_espaces():
    """Un texte fait seulement d'espaces donne un dictionnaire vide"""
    assert compter_mots("   ") == {}, "les espaces ne sont pas des mots"


def test_espaces_multiples():
    """Les espaces en trop sont ignorés"""
    assert compter_mots("  bonjour   Awa  bonjour ") == {"bonjour": 2, "awa": 1}, "utilisez split() sans argument"


def test_mot_unique():
    """compter_mots("Lyon") renvoie {"lyon": 1}"""
    assert compter_mots("Lyon") == {"lyon": 1}, "un seul mot, en minuscules"


def test_tout_en_majuscules():
    """Les mots en majuscules sont comptés en minuscules"""
    assert compter_mots("OUI oui Oui non") == {"oui": 3, "non": 1}, "OUI, oui et Oui sont le même mot"


def test_texte_plus_long():
    """Un texte plus long est compté correctement"""
    texte = "la médiathèque ouvre le samedi et la ludothèque ouvre le mercredi"
    attendu = {
        "la": 2, "médiathèque": 1, "ouvre": 2, "le": 2, "samedi": 1,
        "et": 1, "ludothèque": 1, "mercredi": 1,
    }
    assert compter_mots(texte) == attendu, "chaque mot doit être compté autant de fois qu'il apparaît"
