from courses import ecrire_liste


def test_contenu_du_fichier(tmp_path):
    """ecrire_liste écrit « - pain » et « - lait » sur deux lignes"""
    chemin = tmp_path / "courses.txt"
    ecrire_liste(str(chemin), ["pain", "lait"])
    assert chemin.exists(), "le fichier n'a pas été créé : ouvrez-le avec open(chemin, \"w\", encoding=\"utf-8\")"
    contenu = chemin.read_text(encoding="utf-8")
    assert contenu == "- pain\n- lait\n", f"le fichier devrait contenir '- pain\\n- lait\\n', il contient {contenu!r}"


def test_nombre_renvoye(tmp_path):
    """ecrire_liste renvoie le nombre d'articles écrits"""
    resultat = ecrire_liste(str(tmp_path / "courses.txt"), ["pain", "lait", "œufs"])
    assert resultat == 3, f"trois articles ont été écrits : la fonction doit renvoyer 3, et non {resultat!r}"
