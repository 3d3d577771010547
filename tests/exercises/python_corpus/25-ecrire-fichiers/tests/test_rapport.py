# Style : tmp_path — l'apprenant écrit un fichier que le test lit ; il écrase un fichier que le test a
# créé ; il ajoute à la fin d'un fichier du test ; il modifie un fichier sur place.
from rapport import ajouter_ligne, copier_en_majuscules, ecrire_lignes, remplacer


def test_ecrire_un_nouveau_fichier(tmp_path):
    fichier = tmp_path / "rapport.txt"
    ecrire_lignes(fichier, ["Bilan", "Tout va bien"])
    assert fichier.read_text(encoding="utf-8") == "Bilan\nTout va bien\n"


def test_ecrire_avec_un_chemin_str(tmp_path):
    chemin = str(tmp_path / "r.txt")
    ecrire_lignes(chemin, ["été"])
    with open(chemin, encoding="utf-8") as fichier:
        assert fichier.readlines() == ["été\n"]


def test_ecrire_ecrase_le_contenu(tmp_path):
    """ecrire_lignes remplace le contenu d'un fichier qui existait"""
    fichier = tmp_path / "rapport.txt"
    fichier.write_text("ancien contenu\n", encoding="utf-8")
    ecrire_lignes(fichier, ["nouveau"])
    assert fichier.read_text(encoding="utf-8") == "nouveau\n", "ouvrez le fichier en mode \"w\""


def test_ajouter_a_la_fin(tmp_path):
    """ajouter_ligne garde le contenu existant"""
    fichier = tmp_path / "journal.txt"
    fichier.write_text("lundi\n", encoding="utf-8")
    ajouter_ligne(fichier, "mardi")
    ajouter_ligne(fichier, "mercredi")
    assert fichier.read_text(encoding="utf-8").splitlines() == ["lundi", "mardi", "mercredi"]


def test_ajouter_cree_le_fichier(tmp_path):
    fichier = tmp_path / "nouveau.txt"
    ajouter_ligne(fichier, "première")
    assert fichier.exists()
    assert fichier.read_text(encoding="utf-8") == "première\n"


def test_remplacer_sur_place(tmp_path):
    fichier = tmp_path / "lettre.txt"
    fichier.write_text("Cher Paul,\nPaul, à bientôt.\n", encoding="utf-8")
    assert remplacer(fichier, "Paul", "Ana") is None
    assert fichier.read_text(encoding="utf-8") == "Cher Ana,\nAna, à bientôt.\n"


def test_copier_en_majuscules(tmp_path):
    source = tmp_path / "source.txt"
    destination = tmp_path / "copie.txt"
    source.write_text("bonjour\nà tous\n", encoding="utf-8")
    copier_en_majuscules(source, destination)
    assert destination.read_text(encoding="utf-8") == "BONJOUR\nÀ TOUS\n"
    assert source.read_text(encoding="utf-8") == "bonjour\nà tous\n", "la source ne change pas"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copie.txt", "source.txt"]
