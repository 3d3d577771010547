# Style : tmp_path — le test écrit un fichier que la fonction de l'apprenant lit.
from fichiers import compter_lignes


def test_trois_lignes(tmp_path):
    """Un fichier de trois lignes en compte 3"""
    fichier = tmp_path / "texte.txt"
    fichier.write_text("un\ndeux\ntrois\n", encoding="utf-8")
    assert compter_lignes(fichier) == 3
