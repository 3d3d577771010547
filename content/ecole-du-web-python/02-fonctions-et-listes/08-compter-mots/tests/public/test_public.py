from mots import compter_mots


def test_phrase_simple():
    """compter_mots("un deux un") renvoie {"un": 2, "deux": 1}"""
    resultat = compter_mots("un deux un")
    assert resultat == {"un": 2, "deux": 1}, f"« un » apparaît 2 fois et « deux » 1 fois ; obtenu : {resultat!r}"


def test_majuscules():
    """compter_mots("Le chat et le chien") compte « le » 2 fois"""
    resultat = compter_mots("Le chat et le chien")
    attendu = {"le": 2, "chat": 1, "et": 1, "chien": 1}
    assert resultat == attendu, f"« Le » et « le » sont le même mot, en minuscules ; attendu {attendu!r}, obtenu {resultat!r}"
