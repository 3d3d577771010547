from courses import ecrire_liste


def test_accents(tmp_path):
    """Les accents sont écrits correctement (UTF-8)"""
    chemin = tmp_path / "courses.txt"
    ecrire_liste(str(chemin), ["crème fraîche", "pâtes", "œufs"])
    assert chemin.read_text(encoding="utf-8") == "- crème fraîche\n- pâtes\n- œufs\n", "le fichier doit être écrit en UTF-8"


def test_liste_vide(tmp_path):
    """Une liste vide crée un fichier vide et renvoie 0"""
    chemin = tmp_path / "vide.txt"
    assert ecrire_liste(str(chemin), []) == 0, "aucun article : la fonction renvoie 0"
    assert chemin.exists(), "le fichier doit être créé même si la liste est vide"
    assert chemin.read_text(encoding="utf-8") == "", "le fichier doit être vide"


def test_remplace_ancien_contenu(tmp_path):
    """Un fichier existant est remplacé, pas complété"""
    chemin = tmp_path / "courses.txt"
    chemin.write_text("- ancienne liste\n", encoding="utf-8")
    ecrire_liste(str(chemin), ["riz"])
    assert chemin.read_text(encoding="utf-8") == "- riz\n", "utilisez le mode \"w\", qui remplace l'ancien contenu"


def test_derniere_ligne(tmp_path):
    """La dernière ligne se termine aussi par un retour à la ligne"""
    chemin = tmp_path / "courses.txt"
    ecrire_liste(str(chemin), ["sel"])
    assert chemin.read_text(encoding="utf-8").endswith("\n"), "chaque ligne, même la dernière, finit par \\n"


def test_un_article_par_ligne(tmp_path):
    """Cinq articles donnent cinq lignes"""
    chemin = tmp_path / "courses.txt"
    articles = ["pain", "lait", "beurre", "pommes", "café"]
    assert ecrire_liste(str(chemin), articles) == 5, "cinq articles : la fonction renvoie 5"
    lignes = chemin.read_text(encoding="utf-8").splitlines()
    assert lignes == ["- pain", "- lait", "- beurre", "- pommes", "- café"], "un article par ligne, dans l'ordre de la liste"
