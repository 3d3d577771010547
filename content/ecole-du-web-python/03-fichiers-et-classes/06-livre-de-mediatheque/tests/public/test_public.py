from livres import Livre


def test_affichage_disponible():
    """str(Livre("Germinal", "Émile Zola", 1885)) renvoie "Germinal (Émile Zola, 1885)" """
    livre = Livre("Germinal", "Émile Zola", 1885)
    try:
        texte = str(livre)
    except TypeError:
        texte = None
    assert texte == "Germinal (Émile Zola, 1885)", f"attendu 'Germinal (Émile Zola, 1885)', obtenu {texte!r} : __str__ doit renvoyer (return) le texte"


def test_emprunter():
    """Après emprunter(), le livre n'est plus disponible"""
    livre = Livre("Germinal", "Émile Zola", 1885)
    livre.emprunter()
    assert livre.disponible is False, "après emprunter(), l'attribut disponible doit valoir False"
