"""Notebook exercises graded in the real sandboxes: the learner's cells and the tests on two sides.

Each hostile notebook gets a clear message, the worker survives, and the next grading works.
"""

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from exercises.grading import grader_for
from exercises.kinds.notebook.grader import grade
from exercises.spec import read_exercise

from .conftest import EXAMPLES

pytestmark = pytest.mark.usefixtures("settings")


@pytest.fixture(scope="module")
def spec():
    spec = read_exercise(EXAMPLES / "notebook-villes")
    spec.time_limit = 3
    return spec


def learner(spec, answers=None, *, text=None):
    """The learner's copy with `answers` {grade_id: source} typed in."""
    copy = nbformat.reads(spec.starter["notebook.ipynb"], as_version=4)
    for cell in copy.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if answers and grade_id in answers:
            cell.source = answers[grade_id]
    return {"notebook.ipynb": text if text is not None else nbformat.writes(copy)}


GOOD = {
    "reponse": "def moyenne(liste):\n    return sum(liste) / len(liste)",
    "reponse-total": "import pandas as pd\ndf = pd.read_csv('data/villes.csv')\ntotal = int(df['pop'].sum())",
    "explication": "La population totale est la somme des deux villes.",
}


def by_key(result):
    return {t.key: t for t in result.tests}


def test_the_reference_solution_scores_its_automatic_points_and_waits_for_the_trainer(spec):
    result = grade(spec, dict(spec.solution), artefacts=True)
    tests = by_key(result)
    assert tests["tests-moyenne"].status == "passed" and tests["tests-moyenne"].earned == 2
    assert tests["tests-total"].status == "passed"
    assert tests["explication"].status == "pending"
    assert result.pending == 1 and result.score == 0.75
    assert "Note provisoire : 3 / 4 points" in result.message
    html = result.artefacts["document"]["html"]
    assert "<script" not in html and "BEGIN HIDDEN TESTS" not in html and "moyenne([1, 2, 3, 6])" not in html


def test_the_learners_copy_scores_zero_with_clear_messages(spec):
    result = grade(spec, dict(spec.starter))
    tests = by_key(result)
    assert result.score == 0 and result.status == "failed"
    assert "NotImplementedError" in tests["tests-moyenne"].message
    assert "total" in tests["tests-total"].message
    assert tests["explication"].message == "Pas de réponse : la cellule n'a pas été modifiée."


def test_a_hard_coded_answer_fails_the_hidden_test_without_showing_it(spec):
    answers = dict(GOOD, reponse="def moyenne(liste):\n    return 15")
    tests = by_key(grade(spec, learner(spec, answers)))
    assert tests["tests-moyenne"].status == "failed"
    assert tests["tests-moyenne"].message == "Les tests publics passent, mais un test caché n'est pas réussi."


def test_check_runs_the_public_tests_only_and_shows_their_error(spec):
    answers = dict(GOOD, reponse="def moyenne(liste):\n    return 0")
    result = grade(spec, learner(spec, answers), public_only=True)
    tests = by_key(result)
    assert "la moyenne de 10 et 20 vaut 15" in tests["tests-moyenne"].message
    assert "explication" not in tests  # manual cells are not part of « Vérifier »
    assert "explication" not in by_key(grade(spec, dict(spec.starter), public_only=True))  # even unanswered
    hard_coded = grade(spec, learner(spec, dict(GOOD, reponse="def moyenne(liste):\n    return 15")), public_only=True)
    assert by_key(hard_coded)["tests-moyenne"].status == "passed"  # the hidden test did not run


def test_deleted_moved_and_edited_cells_cannot_change_the_tests(spec):
    copy = nbformat.reads(learner(spec, GOOD)["notebook.ipynb"], as_version=4)
    # The learner deletes the tests, edits one to pass, and puts the answers in another order.
    copy.cells = [c for c in copy.cells if not c.metadata.get("nbgrader", {}).get("grade")] + [
        new_code_cell("assert True", metadata={"nbgrader": {"grade": True, "grade_id": "tests-total", "points": 99}}),
    ]
    copy.cells.reverse()
    result = grade(spec, {"notebook.ipynb": nbformat.writes(copy)})
    tests = by_key(result)
    assert tests["tests-moyenne"].status == "passed" and tests["tests-total"].points == 1
    assert sum(t.points for t in result.tests) == 4


@pytest.mark.parametrize(
    "code, expected",
    [
        ("import os\nos._exit(1)", "le noyau Python s'est arrêté"),
        ("while True:\n    pass", "temps dépassé"),
        ("import time\ntime.sleep(3600)", "temps dépassé"),
        ("while True:\n    print('x' * 1000)", None),
        ("import os\nwhile True:\n    os.write(1, b'x' * 65536)", "beaucoup trop de texte"),
        ("x = bytearray(8 * 1024 ** 3)", "mémoire dépassée"),
        ("x = [b'x' * (100 * 1024 ** 2) for _ in range(30)]", "mémoire dépassée"),
        ("import socket\nsocket.create_connection(('1.1.1.1', 80), timeout=2)", "Network is unreachable"),
        ("import os\nwhile True:\n    os.fork()", None),
    ],
)
def test_hostile_cells_are_contained_and_reported(spec, code, expected):
    answers = dict(GOOD, reponse=code + "\n\ndef moyenne(liste):\n    return sum(liste) / len(liste)")
    result = grade(spec, learner(spec, answers))
    text = result.message + " ".join(t.message for t in result.tests)
    assert result.score < 1
    if expected:
        assert expected.lower() in text.lower(), text
    # The next grading is not affected.
    assert by_key(grade(spec, learner(spec, GOOD)))["tests-total"].status == "passed"


def test_a_print_flood_is_cut_and_the_notebook_still_graded(spec):
    answers = dict(
        GOOD, reponse="for i in range(200000):\n    print(i)\n\ndef moyenne(liste):\n    return sum(liste) / len(liste)"
    )
    result = grade(spec, learner(spec, answers), artefacts=True)
    assert by_key(result)["tests-moyenne"].status == "passed"
    assert len(result.artefacts["document"]["html"]) < 200_000


@pytest.mark.parametrize(
    "payload, expected",
    [
        (b"{not json", "JSON invalide"),
        (json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {}}).encode(), "format 4"),
        (b"\xff\xfe\x00", "UTF-8"),
        (b" " * (50 * 1024 * 1024), "5 Mio"),
        (
            json.dumps({"cells": "x", "nbformat": 4, "nbformat_minor": 5, "metadata": {}}).encode(),
            "format des notebooks",
        ),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(spec, payload, expected):
    result = grader_for("notebook")(spec, {"travail.ipynb": payload})
    assert result.status == "error" and result.reason == "refused"
    assert expected in result.message


def test_a_submission_without_a_notebook_is_refused(spec):
    assert "envoyez un fichier .ipynb" in grade(spec, {"main.py": "print(1)"}).message


def test_a_kernel_started_ahead_grades_the_next_notebook_and_a_dead_one_is_replaced(spec, monkeypatch):
    from exercises.kinds.notebook import grader as notebook

    monkeypatch.setattr(notebook, "_used", True)
    monkeypatch.setattr(notebook, "_in_worker", False)
    notebook.prepare_if_used()
    monkeypatch.setattr(notebook, "_in_worker", False)
    spare = notebook._spare
    assert spare is not None and spare.alive
    result = grade(spec, learner(spec, GOOD))
    assert notebook._spare is None and by_key(result)["tests-total"].status == "passed"
    assert not spare.alive  # used once, never again
    # In a worker, the next kernel is already starting while a notebook runs.
    monkeypatch.setattr(notebook, "_in_worker", True)
    grade(spec, learner(spec, GOOD))
    assert notebook._spare is not None and notebook._spare.alive
    monkeypatch.setattr(notebook, "_in_worker", False)
    # A spare that died while waiting is not used: a new run is started.
    notebook.prepare_if_used()
    notebook._spare.learner_run.process.kill()
    notebook._spare.learner_run.process.wait()
    assert by_key(grade(spec, learner(spec, GOOD)))["tests-moyenne"].status == "passed"
    # What the previous learner left in /tmp or in the kernel is not seen by the next one.
    answers = dict(
        GOOD, reponse="open('/tmp/trace', 'w').write('x')\nimport builtins; builtins.TRACE = 1\n" + GOOD["reponse"]
    )
    grade(spec, learner(spec, answers))
    notebook.prepare_if_used()
    probe = dict(
        GOOD,
        reponse="import os, builtins\nassert not os.path.exists('/tmp/trace') and not hasattr(builtins, 'TRACE')\n"
        + GOOD["reponse"],
    )
    assert by_key(grade(spec, learner(spec, probe)))["tests-moyenne"].status == "passed"
    notebook._spare and notebook._spare.discard()


CHEAT = (
    "from IPython.core.interactiveshell import ExecutionInfo, ExecutionResult\n"
    "get_ipython().run_cell = lambda raw_cell, *a, **k: ExecutionResult(ExecutionInfo(raw_cell, False, False, False, "
    "None))\n"
)


def test_a_rewired_kernel_cannot_pass_the_tests(spec):
    """The tests run on their own side: replacing the kernel's run_cell changes nothing (it was full marks)."""
    result = grade(spec, learner(spec, dict(GOOD, reponse=CHEAT)))
    assert by_key(result)["tests-moyenne"].status == "failed"
    assert "tremplin-review" not in by_key(result)  # no pattern-based review any more: nothing to flag


def test_a_notebook_of_written_answers_only_is_graded_for_the_trainer():
    """nbgrader's own ps1/problem2.ipynb has no code answer: it was « le noyau Python n'a pas démarré »."""
    import dataclasses

    import nbformat
    from nbformat.v4 import new_markdown_cell, new_notebook

    from exercises import notebooks
    from exercises.grading import grader_for
    from exercises.spec import read_exercise
    from tests.exercises.conftest import EXAMPLES

    def meta(**nbgrader):
        return {
            "nbgrader": {
                "schema_version": 3,
                "locked": False,
                "solution": False,
                "grade": False,
                "task": False,
                **nbgrader,
            }
        }

    source = nbformat.writes(
        new_notebook(
            cells=[
                new_markdown_cell("# Question", metadata=meta(locked=True, grade_id="intro")),
                new_markdown_cell("Expliquez.", metadata=meta(solution=True, grade=True, grade_id="texte", points=2)),
            ]
        )
    )
    spec = dataclasses.replace(read_exercise(EXAMPLES / "notebook-villes"), tests={"source.ipynb": source})
    answered = notebooks.learner_copy(notebooks.read_notebook(source))
    answered.cells[1].source = "Ma réponse rédigée."
    result = grader_for("notebook")(spec, {"villes.ipynb": nbformat.writes(answered)})
    assert result.status != "error" and result.pending == 1
    assert [(t.status, t.points) for t in result.tests] == [("pending", 2.0)]
    untouched = grader_for("notebook")(
        spec, {"villes.ipynb": nbformat.writes(notebooks.learner_copy(notebooks.read_notebook(source)))}
    )
    assert [(t.status, t.earned) for t in untouched.tests] == [("failed", 0.0)]


def test_an_answer_writing_to_stderr_during_the_tests_scores_zero_as_in_nbgrader(spec):
    noisy = (
        "import sys\n\ndef moyenne(liste):\n    print('calcul…', file=sys.stderr)\n    return sum(liste) / len(liste)"
    )
    result = grade(spec, learner(spec, dict(GOOD, reponse=noisy)))
    cell = by_key(result)["tests-moyenne"]
    assert (cell.status, cell.earned) == ("failed", 0.0)
    assert "sortie d'erreur" in cell.message and "calcul…" in cell.message
    assert by_key(result)["tests-total"].status == "passed"


def test_a_test_cell_returning_a_number_gives_partial_credit_as_in_nbgrader():
    import dataclasses

    from nbformat.v4 import new_notebook

    from exercises import notebooks

    def meta(**nbgrader):
        return {
            "nbgrader": {
                "schema_version": 3,
                "locked": False,
                "solution": False,
                "grade": False,
                "task": False,
                **nbgrader,
            }
        }

    answer = "def carre(x):\n    ### BEGIN SOLUTION\n    return x * x\n    ### END SOLUTION"
    partial = (
        "score = 0\nfor x, attendu in [(1, 1), (2, 4), (3, 9), (-2, 4)]:\n    score += 0.75 if carre(x) == "
        "attendu else 0\nscore"
    )
    source = nbformat.writes(
        new_notebook(
            cells=[
                new_code_cell(answer, metadata=meta(solution=True, grade_id="reponse")),
                new_code_cell(partial, metadata=meta(grade=True, locked=True, grade_id="tests", points=3)),
            ]
        )
    )
    spec = dataclasses.replace(
        read_exercise(EXAMPLES / "notebook-villes"), tests={"source.ipynb": source}, time_limit=5
    )
    copy = notebooks.learner_copy(notebooks.read_notebook(source))
    copy.cells[0].source = "def carre(x):\n    return x * x if x > 0 else 0"  # right for 1, 2, 3 only
    result = grader_for("notebook")(spec, {"carres.ipynb": nbformat.writes(copy)})
    cell = by_key(result)["tests"]
    assert (cell.status, cell.earned, cell.points) == ("failed", 2.25, 3.0)
    assert "Crédit partiel : 2.25 / 3 points" in cell.message
    copy.cells[0].source = "def carre(x):\n    return x * x"
    result = grader_for("notebook")(spec, {"carres.ipynb": nbformat.writes(copy)})
    assert (by_key(result)["tests"].status, by_key(result)["tests"].earned) == ("passed", 3.0)


def test_an_answer_cell_retyped_as_markdown_is_graded_as_code_as_in_nbgrader(spec):
    submission = nbformat.reads(learner(spec, GOOD)["notebook.ipynb"], as_version=4)
    for index, cell in enumerate(submission.cells):
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "reponse":
            submission.cells[index] = nbformat.v4.new_markdown_cell(cell.source, metadata=cell.metadata)
    result = grade(spec, {"notebook.ipynb": nbformat.writes(submission)})
    assert by_key(result)["tests-moyenne"].status == "passed"


def test_an_executed_notebook_shows_each_answer_s_figure_once():
    """The learner's side draws figures when the tests call its functions: they are not shown under
    the next answer cell (a kernel would have closed them with the test cell)."""
    from pathlib import Path

    plot = read_exercise(
        Path(__file__).resolve().parents[2]
        / "content/technicien-donnees/01-analyser-des-donnees/08-tracer-un-graphique"
    )
    result = grade(plot, dict(plot.solution), artefacts=True)
    document = result.artefacts["document"]
    assert [mime for mime, _data in document["images"]] == ["image/png", "image/png"]  # two plotting answer cells
    assert by_key(result)["q1-tests"].status == "passed"


def test_the_tests_side_gets_the_imports_of_the_trainers_answer_that_the_tests_use():
    from exercises.kinds.notebook.grader import library_imports

    answer = (
        "%matplotlib inline\n"
        "import numpy as np, os\n"
        "import matplotlib.pyplot as plt\n"
        "try:\n"
        "    from numpy.testing import assert_allclose as close\n"
        "except ImportError:\n"
        "    pass\n"
        "from . import local\n"
        "from math import *\n"
        "def f():\n"
        "    import json\n"
    )
    code = library_imports(answer, {"np", "close", "json", "local", "plt"})
    assert code.count("try:") == 3
    for line in (
        "import numpy as np",
        "import matplotlib.pyplot as plt",
        "from numpy.testing import assert_allclose as close",
    ):
        assert f"    {line}\n" in code
    assert ", os" not in code and "json" not in code and "local" not in code and "math" not in code
    assert library_imports("def broken(:\n", {"np"}) == ""
