"""Notebook exercises, first slice: nbgrader's conventions read, the learner's copy, the notebook to grade."""

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from exercises.notebooks import (
    HIDDEN,
    SOLUTION,
    STARTER_CODE,
    NotebookError,
    learner_copy,
    notebook_to_grade,
    read_notebook,
    roles,
)


def meta(**nbgrader):
    return {
        "nbgrader": {"schema_version": 3, "locked": False, "solution": False, "grade": False, "task": False, **nbgrader}
    }


def source_notebook():
    return new_notebook(
        cells=[
            new_markdown_cell("# Moyenne des populations", metadata=meta(locked=True, grade_id="intro")),
            new_code_cell(
                f"def moyenne(valeurs):\n    {SOLUTION[0]}\n    return sum(valeurs) / len(valeurs)\n    {SOLUTION[1]}",
                metadata=meta(solution=True, grade_id="moyenne"),
            ),
            new_code_cell(
                f"assert moyenne([1, 3]) == 2\n{HIDDEN[0]}\nassert moyenne([10]) == 10\n{HIDDEN[1]}",
                metadata=meta(grade=True, grade_id="tests_moyenne", points=2, locked=True),
            ),
            new_markdown_cell(
                "Expliquez votre démarche.", metadata=meta(solution=True, grade=True, grade_id="explication", points=1)
            ),
        ]
    )


def as_bytes(notebook):
    return nbformat.writes(notebook).encode()


def test_roles_of_the_cells():
    notebook = read_notebook(as_bytes(source_notebook()))
    assert [(r.role, r.grade_id, r.points) for r in roles(notebook)] == [
        ("locked", "intro", 0),
        ("solution", "moyenne", 0),
        ("test", "tests_moyenne", 2),
        ("manual", "explication", 1),
    ]
    assert roles(notebook)[2].hidden_tests


def test_the_learners_copy_has_neither_solution_nor_hidden_tests():
    copy = learner_copy(read_notebook(as_bytes(source_notebook())))
    text = nbformat.writes(copy)
    assert "sum(valeurs)" not in text and "moyenne([10])" not in text and SOLUTION[0] not in text
    assert copy.cells[1].source == "def moyenne(valeurs):\n    " + STARTER_CODE.replace("\n", "\n    ")
    assert copy.cells[2].source == "assert moyenne([1, 3]) == 2"
    assert copy.cells[3].source == "VOTRE RÉPONSE ICI"


def test_tests_come_from_the_source_whatever_the_learner_did():
    source = read_notebook(as_bytes(source_notebook()))
    submitted = learner_copy(source)
    submitted.cells[1].source = "def moyenne(valeurs):\n    return 2"
    submitted.cells[2].source = "pass  # tests emptied by the learner"
    submitted.cells.insert(0, new_code_cell("import os; os._exit(0)"))  # an added cell
    submitted.cells.reverse()  # and everything moved
    graded, missing = notebook_to_grade(source, submitted)
    assert missing == []  # every answer found by its grade_id, wherever it moved
    sources = [cell.source for cell in graded.cells]
    assert sources[1] == "def moyenne(valeurs):\n    return 2"
    assert "assert moyenne([10]) == 10" in sources[2]  # hidden tests restored
    assert "os._exit" not in "".join(sources)
    assert len(graded.cells) == len(source.cells)


def test_a_deleted_answer_scores_as_the_starter():
    source = read_notebook(as_bytes(source_notebook()))
    submitted = learner_copy(source)
    del submitted.cells[1]
    graded, missing = notebook_to_grade(source, submitted)
    assert missing == ["moyenne"] and "NotImplementedError" in graded.cells[1].source


@pytest.mark.parametrize(
    "data, words",
    [
        (b"{pas du json", "JSON invalide ligne 1"),
        (
            json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {}}).encode(),
            "format de notebook 3",
        ),
        (b"\xff\xfe", "UTF-8"),
        (b"[1, 2]", "n'est pas un notebook Jupyter"),
        (b" " * (5 * 1024 * 1024 + 1), "dépasse 5 Mio"),
    ],
)
def test_bad_files_get_a_clear_message(data, words):
    with pytest.raises(NotebookError) as raised:
        read_notebook(data)
    assert words in raised.value.errors[0]


def test_a_source_notebook_with_mistakes_is_refused_with_each_cell_named():
    notebook = source_notebook()
    notebook.cells[2].metadata["nbgrader"]["grade_id"] = "moyenne"  # duplicate
    notebook.cells[1].source = notebook.cells[1].source.replace(SOLUTION[1], "")  # unbalanced
    with pytest.raises(NotebookError) as raised:
        roles(read_notebook(as_bytes(notebook)))
    assert "cellule 3 : « grade_id » moyenne utilisé deux fois" in raised.value.errors
    assert any(e.startswith("cellule 2 : « ### BEGIN SOLUTION »") for e in raised.value.errors)


# ---------------------------------------------------------------- nbgrader compatibility (issue 12)


def test_a_mark_scheme_never_reaches_the_learner():
    notebook = source_notebook()
    notebook.cells.append(
        new_markdown_cell(
            "Tracez la courbe.\n=== BEGIN MARK SCHEME ===\nUn point par axe nommé.\n=== END MARK SCHEME ===",
            metadata=meta(task=True, grade_id="courbe", points=2),
        )
    )
    source = read_notebook(as_bytes(notebook))
    assert learner_copy(source).cells[-1].source == "Tracez la courbe."
    graded, _missing = notebook_to_grade(source, learner_copy(source))
    assert "axe nommé" not in nbformat.writes(graded) and "MARK SCHEME" not in nbformat.writes(learner_copy(source))


def test_autotest_directives_are_refused_rather_than_passing_for_anything():
    notebook = source_notebook()
    notebook.cells[2].source = "### AUTOTEST moyenne([1, 3])"
    with pytest.raises(NotebookError) as refused:
        roles(read_notebook(as_bytes(notebook)))
    assert "cellule 3" in refused.value.errors[0] and "AUTOTEST" in refused.value.errors[0]


def test_a_notebook_nested_a_hundred_thousand_deep_is_refused_with_a_message():
    deep = '{"cells": [], "metadata": {"x": ' + "[" * 100_000 + "]" * 100_000 + '}, "nbformat": 4, "nbformat_minor": 5}'
    with pytest.raises(NotebookError) as refused:
        read_notebook(deep)
    assert "trop imbriqué" in refused.value.errors[0]


def test_manage_py_grade_prints_a_result_for_a_deeply_nested_submission(tmp_path, capsys):
    from django.core.management import call_command

    from tests.exercises.conftest import EXAMPLES

    folder = tmp_path / "travail"
    folder.mkdir()
    (folder / "villes.ipynb").write_text(
        '{"cells": [], "metadata": {"x": ' + "[" * 100_000 + "]" * 100_000 + '}, "nbformat": 4}'
    )
    call_command("grade", str(EXAMPLES / "notebook-villes"), str(folder))
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "error" and "trop imbriqué" in result["message"]
