# Style : monkeypatch.setattr("builtins.input", lambda prompt="": "Ana").
from accueil import demander_nom


def test_demander_nom(monkeypatch):
    """demander_nom() renvoie ce que l'utilisateur a tapé"""
    monkeypatch.setattr("builtins.input", lambda prompt="": "Ana")
    assert demander_nom() == "Ana"
