# Style : saisie simulée avec monkeypatch — lambda prompt="": "Ana", lambda qui note les questions posées,
# lambda qui renvoie les réponses d'un itérateur ; sortie vérifiée avec capsys.
import builtins

from accueil import accueillir, demander_age, demander_nom


def test_reponse_nettoyee(monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt="": "  Léo  ")
    assert demander_nom() == "Léo"


def test_question_posee(monkeypatch):
    """demander_nom pose la question « Quel est votre nom ? »"""
    questions = []

    def faux_input(prompt=""):
        questions.append(prompt)
        return "Ana"

    monkeypatch.setattr(builtins, "input", faux_input)
    demander_nom()
    assert questions == ["Quel est votre nom ? "]


def test_accueillir_affiche(monkeypatch, capsys):
    monkeypatch.setattr("builtins.input", lambda prompt="": "Ana")
    assert accueillir() is None
    assert capsys.readouterr().out == "Bonjour Ana !\n"


def test_age_redemande(monkeypatch, capsys):
    """demander_age repose la question tant que la réponse n'est pas un entier"""
    reponses = iter(["douze", "-3", "12"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(reponses))
    assert demander_age() == 12
    assert capsys.readouterr().out == "Âge invalide\nÂge invalide\n"


def test_age_du_premier_coup(monkeypatch, capsys):
    monkeypatch.setattr("builtins.input", lambda *args: "40")
    assert demander_age() == 40
    assert capsys.readouterr().out == ""
