import pytest

from livres import Livre


def test_affichage_emprunte():
    """Un livre emprunté s'affiche avec « [emprunté] »"""
    livre = Livre("L'Étranger", "Albert Camus", 1942)
    livre.emprunter()
    assert str(livre) == "L'Étranger (Albert Camus, 1942) [emprunté]", "ajoutez une espace puis [emprunté]"


def test_print(capsys):
    """print(livre) affiche le texte de __str__"""
    print(Livre("Le Petit Prince", "Antoine de Saint-Exupéry", 1943))
    assert capsys.readouterr().out == "Le Petit Prince (Antoine de Saint-Exupéry, 1943)\n", "print() utilise __str__"


def test_double_emprunt():
    """Emprunter un livre déjà emprunté lève une ValueError"""
    livre = Livre("Persepolis", "Marjane Satrapi", 2000)
    livre.emprunter()
    with pytest.raises(ValueError):
        livre.emprunter()
    assert livre.disponible is False, "le livre reste emprunté"


def test_rendre():
    """Après rendre(), le livre est de nouveau disponible et s'affiche sans « [emprunté] »"""
    livre = Livre("Chanson douce", "Leïla Slimani", 2016)
    livre.emprunter()
    livre.rendre()
    assert livre.disponible is True, "après rendre(), disponible vaut True"
    assert str(livre) == "Chanson douce (Leïla Slimani, 2016)", "un livre rendu s'affiche sans [emprunté]"


def test_nouvel_emprunt_apres_retour():
    """Un livre rendu peut être emprunté de nouveau"""
    livre = Livre("Germinal", "Émile Zola", 1885)
    livre.emprunter()
    livre.rendre()
    livre.emprunter()
    assert livre.disponible is False, "un livre rendu peut être emprunté à nouveau"


def test_attributs():
    """Un nouveau livre garde son titre, son auteur, son année et il est disponible"""
    livre = Livre("Cyrano de Bergerac", "Edmond Rostand", 1897)
    assert (livre.titre, livre.auteur, livre.annee, livre.disponible) == ("Cyrano de Bergerac", "Edmond Rostand", 1897, True)
