# Style : monkeypatch.setattr("sys.stdin", io.StringIO("12\n")) — l'apprenant lit avec input() ou sys.stdin ;
# les questions posées par input() apparaissent dans capsys.readouterr().out.
import io

from devinette import jouer, lire_entier, somme_des_lignes


def test_lire_entier(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    assert lire_entier() == 12


def test_question_affichee(monkeypatch, capsys):
    """La question posée par input() apparaît dans la sortie"""
    monkeypatch.setattr("sys.stdin", io.StringIO("7\n"))
    lire_entier()
    assert capsys.readouterr().out == "Entrez un nombre : "


def test_partie_complete(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("50\n25\n30\n"))
    assert jouer(30) == 3
    assert capsys.readouterr().out == (
        "Votre proposition : Trop grand\n"
        "Votre proposition : Trop petit\n"
        "Votre proposition : Gagné en 3 coups !\n"
    )


def test_gagne_du_premier_coup(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("5\n"))
    assert jouer(5) == 1
    assert "Gagné en 1 coups !" in capsys.readouterr().out


def test_somme_des_lignes(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n2\n\n39\n"))
    assert somme_des_lignes() == 42
