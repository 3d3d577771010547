from salutations import saluer


def test_autre_prenom():
    """saluer("Lucas") renvoie "Bonjour Lucas !" """
    assert saluer("Lucas") == "Bonjour Lucas !", "le prénom doit être inséré dans la phrase"


def test_prenom_avec_accents():
    """Un prénom avec des accents est recopié tel quel"""
    assert saluer("Éloïse") == "Bonjour Éloïse !", "le prénom doit être recopié sans modification"


def test_prenom_compose():
    """Un prénom composé est recopié tel quel"""
    assert saluer("Jean-Baptiste") == "Bonjour Jean-Baptiste !", "le prénom doit être recopié sans modification"


def test_renvoie_une_chaine():
    """La fonction renvoie une chaîne de caractères"""
    assert isinstance(saluer("Awa"), str), "la fonction doit renvoyer du texte (str)"
