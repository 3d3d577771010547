# Style : tmp_path — le test écrit des fichiers (Path.write_text, open en écriture) que l'apprenant lit,
# chemin passé en Path et en str, accents en UTF-8, FileNotFoundError pour un fichier absent.
import pytest

from fichiers import compter_lignes, lire_notes, mot_le_plus_long


def test_compter_lignes_chemin_str(tmp_path):
    fichier = tmp_path / "a.txt"
    fichier.write_text("x\ny\n", encoding="utf-8")
    assert compter_lignes(str(fichier)) == 2


def test_compter_lignes_fichier_vide(tmp_path):
    fichier = tmp_path / "vide.txt"
    fichier.write_text("", encoding="utf-8")
    assert compter_lignes(fichier) == 0


def test_lire_notes(tmp_path):
    fichier = tmp_path / "notes.csv"
    with open(fichier, "w", encoding="utf-8") as sortie:
        sortie.write("Ana;12\nBo;15.5\n\nZoé;9\n")
    assert lire_notes(fichier) == {"Ana": 12.0, "Bo": 15.5, "Zoé": 9.0}


def test_lire_notes_dans_un_sous_dossier(tmp_path):
    dossier = tmp_path / "classe" / "6A"
    dossier.mkdir(parents=True)
    (dossier / "notes.txt").write_text("Élise;18\n", encoding="utf-8")
    assert lire_notes(dossier / "notes.txt") == {"Élise": 18.0}


def test_mot_le_plus_long(tmp_path):
    fichier = tmp_path / "phrase.txt"
    fichier.write_text("Le chat dort\nsur l'extraordinaire canapé\n", encoding="utf-8")
    assert mot_le_plus_long(fichier) == "l'extraordinaire"


def test_fichier_absent(tmp_path):
    with pytest.raises(FileNotFoundError):
        compter_lignes(tmp_path / "absent.txt")
