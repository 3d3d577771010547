# Style : capsys — capsys.readouterr().out sur plusieurs lignes, print(..., end=""), lectures successives
# (readouterr vide la capture), .err vide, fonction qui affiche et renvoie None.
from affichage import afficher_liste, afficher_table, barre, decompte


def test_table_complete(capsys):
    afficher_table(7)
    lignes = capsys.readouterr().out.splitlines()
    assert len(lignes) == 10, "il faut 10 lignes, de 7 x 1 à 7 x 10"
    assert lignes[-1] == "7 x 10 = 70"


def test_table_sortie_exacte(capsys):
    afficher_table(2)
    attendu = "".join(f"2 x {i} = {2 * i}\n" for i in range(1, 11))
    assert capsys.readouterr().out == attendu


def test_table_ne_renvoie_rien(capsys):
    assert afficher_table(1) is None, "la fonction affiche avec print, elle ne renvoie rien"


def test_barre_sans_retour_a_la_ligne(capsys):
    barre(5)
    assert capsys.readouterr().out == "#####", "utilisez print(..., end=\"\")"


def test_deux_barres_a_la_suite(capsys):
    barre(2)
    barre(3)
    captured = capsys.readouterr()
    assert captured.out == "#####"
    assert captured.err == ""


def test_lectures_successives(capsys):
    afficher_liste(["pain"])
    assert capsys.readouterr().out == "- pain\n"
    afficher_liste([])
    assert capsys.readouterr().out == "(liste vide)\n"


def test_liste_plusieurs_lignes(capsys):
    afficher_liste(["pain", "lait", "œufs"])
    out, err = capsys.readouterr()
    assert out.splitlines() == ["- pain", "- lait", "- œufs"]


def test_decompte_sur_une_ligne(capsys):
    decompte(3)
    assert capsys.readouterr().out == "3... 2... 1... Partez !\n"
