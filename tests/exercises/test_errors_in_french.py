"""Beginners' errors in plain French, the original message kept below (issue 13, item 9)."""

import pytest

from exercises.errors import explain_error, explain_line, explain_syntax
from exercises.kinds.python.grader import explain, syntax_error


@pytest.mark.parametrize(
    "name, message, french",
    [
        ("NameError", "name 'communes' is not defined", "Le nom « communes » n'est pas défini"),
        ("ZeroDivisionError", "division by zero", "Division par zéro"),
        ("IndexError", "list index out of range", "Indice hors de la liste"),
        ("KeyError", "'population'", "La clé 'population' n'existe pas"),
        (
            "AttributeError",
            "'list' object has no attribute 'push'",
            "type list n'a pas d'attribut ni de méthode « push »",
        ),
        ("TypeError", 'can only concatenate str (not "int") to str', "des types qui ne vont pas ensemble"),
        ("TypeError", "moyenne() takes 1 positional argument but 2 were given", "le bon nombre"),
        ("RecursionError", "maximum recursion depth exceeded", "sans fin"),
        ("IndentationError", "unexpected indent", "Indentation incorrecte"),
    ],
)
def test_python_errors_are_explained_with_the_original_below(name, message, french):
    text = explain_error(name, message)
    assert french in text and f"Message d'origine : {name}: {message}" in text


@pytest.mark.parametrize(
    "name, message, french",
    [
        ("ReferenceError", "total is not defined", "Le nom « total » n'est pas défini"),
        ("TypeError", "Cannot read properties of undefined (reading 'length')", "propriété de undefined"),
        ("TypeError", "majuscules is not a function", "quelque chose qui n'en est pas une"),
        ("SyntaxError", "Unexpected token '}'", "Erreur de syntaxe"),
    ],
)
def test_node_errors_are_explained(name, message, french):
    assert french in explain_error(name, message, language="javascript")


def test_a_syntax_error_says_where_with_a_caret_in_french():
    text = syntax_error({"notes.py": "def moyenne(notes)\n    return 0\n"})
    assert "ligne 1" in text and "il manque « : »" in text and "Message d'origine : expected ':'" in text
    assert "    def moyenne(notes)\n                      ^" in text
    assert "print s'écrit avec des parenthèses" in syntax_error({"a.py": "print 'bonjour'\n"})
    assert explain_syntax("something new in Python 3.14") is None


def test_a_learner_exception_in_a_test_is_explained_and_pytest_fail_keeps_the_trainer_words():
    assert "Division par zéro" in explain("ZeroDivisionError: division by zero")
    assert explain("Failed: la liste vide doit donner 0") == "la liste vide doit donner 0"
    assert (
        explain_line("Traceback…\nE   NameError: name 'x' is not defined").splitlines()[-2].startswith("Le nom « x »")
    )
