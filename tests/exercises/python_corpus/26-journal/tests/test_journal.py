# Style : fichiers relatifs au dossier courant — monkeypatch.chdir(tmp_path) ; constante de module
# (import journal, journal.FICHIER) changée par monkeypatch.setattr(journal, "FICHIER", ...).
import journal
from journal import noter, relire


def test_constante():
    assert journal.FICHIER == "journal.txt"


def test_noter_dans_le_dossier_courant(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    noter("démarrage")
    assert (tmp_path / "journal.txt").read_text(encoding="utf-8") == "démarrage\n"


def test_noter_ajoute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "journal.txt").write_text("hier\n", encoding="utf-8")
    noter("aujourd'hui")
    assert relire() == ["hier", "aujourd'hui"]


def test_relire_sans_journal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert relire() == []


def test_fichier_change_par_le_test(tmp_path, monkeypatch):
    """noter et relire utilisent la valeur actuelle de journal.FICHIER"""
    autre = tmp_path / "autre.log"
    monkeypatch.setattr(journal, "FICHIER", str(autre))
    noter("un")
    journal.noter("deux")
    assert autre.read_text(encoding="utf-8") == "un\ndeux\n"
    assert relire() == ["un", "deux"]
