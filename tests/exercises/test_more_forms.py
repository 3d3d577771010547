"""The learner's and the trainer's forms (exercises.forms), the stored Result (exercises.results) and the
French explanations of beginners' errors (exercises.errors)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict

from exercises.errors import caret, explain_error, explain_line, explain_syntax
from exercises.forms import ManualGradeForm, ReviewFilterForm
from exercises.kinds.files import CodeForm
from exercises.kinds.notebook.forms import NotebookForm
from exercises.kinds.quiz.forms import quiz_answers
from exercises.results import Reason, Result, Status
from exercises.results import TestResult as Outcome  # not collected by pytest

MIB = 1024 * 1024

# ---------------------------------------------------------------- CodeForm


def code_form(**files):
    names = list(files)
    return CodeForm({f"file_{i}": text for i, text in enumerate(files.values())}, filenames=names)


def test_the_code_form_gives_the_files_by_name_as_typed():
    form = code_form(**{"index.html": "<p>Bonjour</p>\n", "style.css": "  p { color: red }  "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["files"] == {"index.html": "<p>Bonjour</p>\n", "style.css": "  p { color: red }  "}


def test_work_made_only_of_blanks_is_refused_as_empty():
    form = code_form(**{"index.html": "  \n\t", "style.css": "\n"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Vos fichiers sont vides : écrivez votre code avant d'envoyer."]


def test_exactly_one_mib_of_work_is_accepted():
    assert code_form(**{"a.py": "x" * (MIB - 10), "b.py": "y" * 10}).is_valid()


def test_the_size_limit_counts_bytes_of_all_files_not_characters():
    """600 000 « é » are 1.2 MB in UTF-8 though fewer than a million characters."""
    form = code_form(**{"a.py": "é" * 300_000, "b.py": "é" * 300_000})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Votre travail dépasse 1 Mio : réduisez la taille des fichiers."]
    assert form.errors.as_data()["__all__"][0].code == "too_big"


# ---------------------------------------------------------------- quiz answers


def test_quiz_answers_read_each_question_type():
    questions = [
        {"type": "single"},
        {"type": "multiple"},
        {"type": "matching", "pairs": [{}, {}, {}]},
        {"type": "short"},
    ]
    post = QueryDict(mutable=True)
    post.update({"q0": "1", "q2_0": "2", "q2_2": "0", "q3": "FranceConnect"})
    post.setlist("q1", ["0", "2"])
    assert quiz_answers(post, questions) == {
        "q0": "1",
        "q1": ["0", "2"],
        "q2": {"0": "2", "1": "", "2": "0"},
        "q3": "FranceConnect",
    }


def test_unanswered_questions_are_empty_and_long_answers_cut_at_500_characters():
    questions = [{"type": "short"}, {"type": "numeric"}, {"type": "multiple"}]
    post = QueryDict(mutable=True)
    post["q0"] = "a" * 2000
    answers = quiz_answers(post, questions)
    assert answers == {"q0": "a" * 500, "q1": "", "q2": []}


# ---------------------------------------------------------------- review forms


def test_the_review_filter_reads_numbers_and_the_review_status(python_exercise, trainee):
    form = ReviewFilterForm(
        {"exercise": str(python_exercise.pk), "learner": str(trainee.pk), "status": "review"},
        exercises=[python_exercise],
        learners=[trainee],
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"exercise": python_exercise.pk, "learner": trainee.pk, "status": "review"}
    assert form.fields["exercise"].choices[1] == (python_exercise.pk, "Cours courriel — Calculer une moyenne")


def test_the_review_filter_refuses_a_learner_not_offered(python_exercise, trainee, other_trainee):
    form = ReviewFilterForm({"learner": str(other_trainee.pk)}, exercises=[python_exercise], learners=[trainee])
    assert not form.is_valid() and "learner" in form.errors


CELLS = [
    {"key": "explication", "points": 1, "earned": 0, "name": "Explication"},
    {"key": "analyse", "points": 2.5, "earned": 1, "name": "Analyse"},
]


def test_the_manual_grade_form_has_one_field_per_written_answer_with_its_scale():
    form = ManualGradeForm(cells=CELLS)
    assert list(form.fields) == ["points_explication", "points_analyse", "comment"]
    assert form.fields["points_analyse"].label == "Analyse : points (sur 2.5)"
    assert form["points_analyse"].initial == 1


def test_the_manual_grade_form_gives_points_by_answer():
    form = ManualGradeForm({"points_explication": "1", "points_analyse": "2.5"}, cells=CELLS)
    assert form.is_valid(), form.errors
    assert form.points() == {"explication": 1.0, "analyse": 2.5} and form.cleaned_data["comment"] == ""


# ---------------------------------------------------------------- NotebookForm

NOTEBOOK_CELLS = [
    {"answer": False, "field": "cell_0", "label": "Consigne", "source": "# Villes", "code": False, "grade_id": ""},
    {"answer": True, "field": "cell_1", "label": "Réponse", "source": "", "code": True, "grade_id": "reponse"},
    {"answer": True, "field": "cell_2", "label": "Explication", "source": "", "code": False, "grade_id": "expl"},
]


def test_a_notebook_answered_in_the_platform_gives_the_answers_by_grade_id():
    form = NotebookForm({"cell_1": "total = 3", "cell_2": "La somme."}, cells=NOTEBOOK_CELLS)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["answers"] == {"reponse": "total = 3", "expl": "La somme."}
    assert "files" not in form.cleaned_data
    assert [field is None for _, field in form.rows()] == [True, False, False]


def test_a_notebook_uploaded_without_its_extension_is_stored_as_an_ipynb():
    upload = SimpleUploadedFile("mon-travail", b'{"cells": []}')
    form = NotebookForm({}, {"upload": upload}, cells=NOTEBOOK_CELLS)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["files"] == {"mon-travail.ipynb": '{"cells": []}'}


def test_an_uploaded_notebook_that_is_not_utf8_text_is_refused():
    form = NotebookForm({}, {"upload": SimpleUploadedFile("photo.ipynb", b"\xff\xd8\xff\xe0")}, cells=NOTEBOOK_CELLS)
    assert not form.is_valid()
    assert form.errors["upload"] == ["photo.ipynb n'est pas un fichier texte UTF-8."]


def test_an_uploaded_notebook_over_five_mib_is_refused_with_the_way_to_shrink_it():
    upload = SimpleUploadedFile("gros.ipynb", b"x" * (5 * MIB + 1))
    form = NotebookForm({}, {"upload": upload}, cells=NOTEBOOK_CELLS)
    assert not form.is_valid()
    assert form.errors["upload"] == [
        "gros.ipynb dépasse 5 Mio : videz les sorties des cellules (Kernel › Restart & Clear Output)."
    ]


def test_notebook_answers_over_one_mib_are_refused():
    form = NotebookForm({"cell_1": "x" * MIB, "cell_2": "y"}, cells=NOTEBOOK_CELLS)
    assert not form.is_valid()
    assert form.non_field_errors() == ["Votre travail dépasse 1 Mio : réduisez la taille des fichiers."]


# ---------------------------------------------------------------- Result


def full_result():
    return Result(
        status=Status.FAILED,
        score=0.5,
        message="1 test sur 2",
        tests=[
            Outcome("Moyenne simple", Status.PASSED, "ok", points=1, earned=1, key="q1"),
            Outcome("Liste vide", Status.FAILED, "Test caché : non réussi.", hidden=True, detail="Obtenu : 1"),
            Outcome("Explication", Status.PENDING, points=2, earned=0, key="expl", manual=True),
        ],
        duration_ms=123,
        pending=1,
        artefacts={"screenshots": [(360, b"\x89PNG")]},
    )


def test_a_result_survives_storage_in_json_whole_but_its_artefacts():
    stored = json.loads(json.dumps(full_result().to_storage()))
    back = Result.from_storage(stored)
    assert back == full_result() and back.artefacts == {}
    assert back.tests[1].detail == "Obtenu : 1" and back.tests[2].manual is True
    assert "artefacts" not in stored


def test_a_stored_result_with_artefacts_is_still_read():
    stored = {**full_result().to_storage(), "artefacts": {"document": {"html": "<p>"}}}
    assert Result.from_storage(stored).artefacts == {}


def test_what_the_learner_is_sent_never_holds_why_a_hidden_test_failed():
    data = full_result().to_dict()
    assert data["tests"][1] == {"name": "Liste vide", "status": "failed", "message": "Test caché : non réussi."}
    assert data["tests"][0] == {"name": "Moyenne simple", "status": "passed", "message": "ok", "points": 1, "earned": 1}
    assert "Obtenu : 1" not in json.dumps(data) and data["pending"] == 1 and "artefacts" not in data


def test_a_result_from_tests_scores_the_share_passed_and_picks_its_message():
    tests = [Outcome("a", Status.PASSED), Outcome("b", Status.FAILED), Outcome("c", Status.ERROR)]
    result = Result.from_tests(tests, 40, message_passed="Bravo", message_failed="Encore")
    assert (result.status, result.score, result.message, result.duration_ms) == (Status.FAILED, 0.3333, "Encore", 40)
    passed = Result.from_tests([Outcome("a", Status.PASSED)], message_passed="Bravo", message_failed="Encore")
    assert (passed.status, passed.score, passed.message) == (Status.PASSED, 1.0, "Bravo")


def test_a_result_without_any_test_is_a_crash_not_a_pass():
    result = Result.from_tests([], message_failed="Aucun test trouvé.")
    assert (result.status, result.reason, result.score, result.message) == (
        Status.ERROR,
        Reason.CRASH,
        0.0,
        "Aucun test trouvé.",
    )


@pytest.mark.parametrize(
    "status, pending, statuses, expected",
    [
        (Status.PASSED, 0, [Status.PASSED], True),
        (Status.FAILED, 1, [Status.PASSED, Status.PENDING], True),  # only written answers wait
        (Status.FAILED, 1, [Status.FAILED, Status.PENDING], False),
        (Status.FAILED, 0, [Status.PASSED, Status.FAILED], False),
    ],
)
def test_passes_automatic_tests(status, pending, statuses, expected):
    result = Result(status=status, pending=pending, tests=[Outcome(str(i), s) for i, s in enumerate(statuses)])
    assert result.passes_automatic_tests is expected


# ---------------------------------------------------------------- errors in French


@pytest.mark.parametrize(
    "name, message, french",
    [
        ("UnboundLocalError", "cannot access local variable 'x' where it is not associated with a value", "avant d'y"),
        ("ModuleNotFoundError", "No module named 'panda'", "Ce module n'existe pas ici"),
        ("FileNotFoundError", "[Errno 2] No such file or directory: 'villes.csv'", "Fichier introuvable"),
        ("ValueError", "invalid literal for int() with base 10: 'abc'", "pas un contenu acceptable"),
        ("TypeError", "'int' object is not callable", "quelque chose qui n'est pas une fonction"),
        ("TypeError", "'<' not supported between instances", "n'a pas le type attendu"),
        ("AttributeError", "module 'math' has no attribute 'racine'", "Cet attribut ou cette méthode n'existe pas"),
        ("MemoryError", "", "Mémoire dépassée"),
        ("TabError", "inconsistent use of tabs", "Indentation incorrecte"),
        ("builtins.ZeroDivisionError", "division by zero", "Division par zéro"),
    ],
)
def test_more_python_errors_are_explained_in_french(name, message, french):
    text = explain_error(name, message)
    original = f"{name}: {message}" if message else name
    assert french in text.splitlines()[0] and text.splitlines()[-1] == f"Message d'origine : {original}"


def test_a_key_error_without_a_key_still_reads():
    assert explain_error("KeyError", "").startswith("La clé ? n'existe pas")


def test_an_unknown_error_and_a_failed_assertion_are_kept_as_they_are():
    assert explain_error("StopIteration", "fin") == "StopIteration: fin"
    assert explain_error("AssertionError", "assert 1 == 2") == "AssertionError: assert 1 == 2"
    assert explain_error("CustomError", "") == "CustomError"


@pytest.mark.parametrize(
    "name, message, french",
    [
        ("RangeError", "Maximum call stack size exceeded", "sans fin"),
        ("ReferenceError", "Cannot access 'x' before initialization", "Un nom est utilisé sans avoir été déclaré."),
        ("TypeError", "Cannot read properties of null (reading 'x')", "Vous lisez une propriété de null"),
    ],
)
def test_more_node_errors_are_explained(name, message, french):
    text = explain_error(name, message, language="javascript")
    assert french in text.splitlines()[0] and text.splitlines()[-1] == f"Message d'origine : {name}: {message}"


def test_a_node_error_without_an_explanation_is_kept():
    assert (
        explain_error("RangeError", "Invalid array length", language="javascript") == "RangeError: Invalid array length"
    )


def test_only_the_last_error_line_of_a_message_is_explained():
    text = "E   KeyError: 'a'\nautre chose\nE   ZeroDivisionError: division by zero\n"
    lines = explain_line(text).splitlines()
    assert lines[0] == "E   KeyError: 'a'" and lines[1] == "autre chose"
    assert (
        lines[2].startswith("Division par zéro")
        and lines[3] == "Message d'origine : ZeroDivisionError: division by zero"
    )


def test_a_message_without_an_error_line_or_with_an_unexplained_one_is_unchanged():
    assert explain_line("assert 1 == 2\n  où 1 = moyenne([])") == "assert 1 == 2\n  où 1 = moyenne([])"
    assert explain_line("E   AssertionError: assert 1 == 2") == "E   AssertionError: assert 1 == 2"
    assert explain_line("") == "" and explain_line(None) is None


@pytest.mark.parametrize(
    "message, french",
    [
        ("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", "pour comparer, écrivez « == »"),
        ("invalid syntax", "Python ne comprend pas cette ligne"),
        ("'(' was never closed", "« ( » ouvert n'est jamais refermé."),
        ("unmatched ']'", "« ] » ferme quelque chose qui n'a pas été ouvert."),
        ("closing parenthesis ')' does not match opening parenthesis '['", "la parenthèse « ) » ne correspond pas"),
        ("unterminated string literal (detected at line 1)", "n'est pas refermé"),
        ("unexpected indent", "cette ligne est en retrait"),
        ("expected an indented block after 'if' statement on line 1", "la ligne suivante doit être en retrait"),
        ("invalid character '’' (U+2019)", "le caractère « ’ » n'est pas permis"),
        ("cannot assign to literal here", "à gauche de « = » il faut un nom de variable"),
    ],
)
def test_syntax_errors_are_explained_in_french(message, french):
    assert french in explain_syntax(message)


def test_the_caret_points_at_the_column_within_the_line():
    assert caret("x = (1\n", 5) == "    x = (1\n        ^"
    assert caret("abc", 99) == "    abc\n       ^"  # past the end: just after it
    assert caret("abc", None) == "    abc\n    ^"
    assert caret("", 3) == ""
