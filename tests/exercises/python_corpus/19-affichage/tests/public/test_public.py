# Style : capsys — capsys.readouterr().out après une fonction qui affiche.
from affichage import afficher_table


def test_premiere_ligne(capsys):
    """afficher_table(3) commence par « 3 x 1 = 3 »"""
    afficher_table(3)
    sortie = capsys.readouterr().out
    assert sortie.splitlines()[0] == "3 x 1 = 3"
