# Style : saisie simulée — monkeypatch.setattr("builtins.input", iter([...]).__next__) pour un input()
# sans question, lambda autour de next(), unittest.mock.patch("builtins.input", side_effect=[...])
# en décorateur (avec une fixture pytest) et en contexte, questions relues dans call_args_list.
from unittest import mock
from unittest.mock import call, patch

from calculette import additionner, lire_entiers


def test_lire_entiers_iter_next(monkeypatch):
    """input() sans question, remplacé par iter([...]).__next__"""
    monkeypatch.setattr("builtins.input", iter(["3", "4", "5"]).__next__)
    assert lire_entiers(3) == [3, 4, 5]


def test_additionner_lambda(monkeypatch):
    reponses = iter(["3", "4"])
    monkeypatch.setattr("builtins.input", lambda _="": next(reponses))
    assert additionner() == 7


@patch("builtins.input", side_effect=["3", "4"])
def test_additionner_decorateur(mock_input, capsys):
    assert additionner() == 7
    assert capsys.readouterr().out == "3 + 4 = 7\n"
    assert mock_input.call_count == 2


def test_additionner_questions():
    with patch("builtins.input", side_effect=["10", "-2"]) as faux:
        resultat = additionner()
    assert resultat == 8
    assert faux.call_args_list == [call("Premier nombre : "), call("Second nombre : ")]


def test_lire_entiers_mock_patch():
    with mock.patch("builtins.input", side_effect=["1", "2"]) as faux:
        assert lire_entiers(2) == [1, 2]
    faux.assert_called_with()
