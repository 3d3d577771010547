"""The notebook kind (exercises/kinds/notebook): source.ipynb and data/ folders, the upload form, export, and
grading in the sandbox."""

import nbformat
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from exercises.forms import apply_form, initial_for, is_simple
from exercises.kinds import kind_of
from exercises.models import Exercise
from exercises.spec import read_exercise

from .helpers import export_and_read, form_data, make_form, needs_sandbox, read_errors, write_folder


def cell(source, kind="code", **nbgrader):
    make = new_code_cell if kind == "code" else new_markdown_cell
    return make(source, metadata={"nbgrader": {"schema_version": 3, **nbgrader}} if nbgrader else {})


def source(*cells):
    return nbformat.writes(
        new_notebook(cells=list(cells), metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})
    )


SOURCE = source(
    cell("# Doubler\nÉcrivez `double`.", "markdown", grade_id="intro", locked=True),
    cell(
        "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION",
        grade_id="reponse",
        solution=True,
    ),
    cell(
        "assert double(2) == 4, 'double(2) vaut 4'\n"
        "### BEGIN HIDDEN TESTS\nassert double(-1) == -2\n### END HIDDEN TESTS",
        grade_id="tests-double",
        grade=True,
        points=2,
    ),
    cell(
        "lignes = open('data/nombres.txt').read().split()\n### BEGIN SOLUTION\ntotal = sum(map(int, lignes))\n"
        "### END SOLUTION",
        grade_id="reponse-total",
        solution=True,
    ),
    cell("assert total == 6", grade_id="tests-total", grade=True, points=1),
)
DATA = "1\n2\n3\n"
META = 'title = "Doubler"\nkind = "notebook"\npoints = 10\ntime_limit = 5\n'
FOLDER = {"exercise.toml": META, "source.ipynb": SOURCE, "data/nombres.txt": DATA}


# ---------------------------------------------------------------- reading a folder


def test_a_valid_folder_gives_the_source_its_data_and_the_learners_copy(tmp_path):
    spec = read_exercise(write_folder(tmp_path / "doubler", FOLDER))
    assert spec.tests == {"source.ipynb": SOURCE, "data/nombres.txt": DATA}
    assert spec.solution == {"notebook.ipynb": SOURCE} and list(spec.starter) == ["notebook.ipynb"]
    copy = spec.starter["notebook.ipynb"]
    assert "raise NotImplementedError()" in copy and "BEGIN SOLUTION" not in copy and "double(-1)" not in copy
    assert "double(2) vaut 4" in copy  # the public test stays


def test_points_are_the_notebooks_graded_points_whatever_exercise_toml_says(tmp_path):
    assert read_exercise(write_folder(tmp_path / "doubler", FOLDER)).points == 3


def test_a_folder_without_source_notebook_names_it(tmp_path):
    folder = write_folder(tmp_path / "doubler", {"exercise.toml": META, "data/nombres.txt": DATA})
    assert read_errors(folder) == [f"{folder / 'source.ipynb'}:1: fichier manquant : le notebook source de l'exercice"]


def test_a_source_over_one_mebibyte_is_refused(tmp_path):
    big = SOURCE.replace('"# Doubler', '"# Doubler' + "x" * (1024 * 1024))
    folder = write_folder(tmp_path / "doubler", {**FOLDER, "source.ipynb": big})
    assert read_errors(folder) == [
        f"{folder / 'source.ipynb'}:1: fichier trop gros (1 Mio au plus) : videz les sorties des cellules"
    ]


def test_invalid_nbgrader_metadata_names_each_cell(tmp_path):
    bad = source(
        cell("def f():\n    ### BEGIN SOLUTION\n    return 1", grade_id="reponse", solution=True),
        cell("assert f() == 1", grade_id="reponse", grade=True, points=1),
    )
    folder = write_folder(tmp_path / "doubler", {**FOLDER, "source.ipynb": bad})
    path = folder / "source.ipynb"
    assert read_errors(folder) == [
        f"{path}:1: cellule 1 : « ### BEGIN SOLUTION » sans « ### END SOLUTION » (ou l'inverse)",
        f"{path}:1: cellule 2 : « grade_id » reponse utilisé deux fois",
    ]


def test_a_notebook_without_graded_cell_or_json_is_refused(tmp_path):
    plain = write_folder(tmp_path / "a", {**FOLDER, "source.ipynb": source(cell("x = 1"))})
    assert read_errors(plain) == [
        f"{plain / 'source.ipynb'}:1: aucune cellule notée : marquez au moins une cellule de tests (nbgrader « grade »)"
    ]
    broken = write_folder(tmp_path / "b", {**FOLDER, "source.ipynb": "{pas du json"})
    assert read_errors(broken) == [
        f"{broken / 'source.ipynb'}:1: source.ipynb n'est pas un notebook valide (JSON invalide ligne 1)."
    ]


# ---------------------------------------------------------------- the authoring form


def upload(data=(), notebook=SOURCE):
    files = {"notebook_data": list(data)}
    if notebook is not None:
        files["notebook"] = [SimpleUploadedFile("devoir.ipynb", notebook.encode())]
    return MultiValueDict(files)


def test_the_form_has_the_notebook_fields_only(db, module):
    fields = set(make_form(module, "notebook").fields)
    assert {"notebook", "notebook_data", "time_limit", "memory_limit"} <= fields
    assert not fields & {"filename", "starter", "solution", "hidden_tests", "checks", "gift", "ordered"}


def test_a_new_exercise_without_notebook_is_refused_on_the_notebook_field(db, module):
    form = make_form(module, "notebook", form_data("notebook"), files=upload(notebook=None))
    assert not form.is_valid()
    assert form.errors["notebook"] == ["Ce champ est obligatoire pour ce type d'exercice."]


def test_a_bad_upload_and_bad_data_files_are_reported_on_their_fields(db, module):
    data = [SimpleUploadedFile("image.bin", b"\xff\xfe\x00"), SimpleUploadedFile("gros.csv", b"x" * (1024 * 1024 + 1))]
    form = make_form(module, "notebook", form_data("notebook"), files=upload(data, notebook=source(cell("x = 1"))))
    assert not form.is_valid()
    assert form.errors["notebook"] == [
        "aucune cellule notée : marquez au moins une cellule de tests (nbgrader « grade »)"
    ]
    assert form.errors["notebook_data"] == [
        "image.bin n'est pas un fichier texte UTF-8.",
        "Fichier refusé : gros.csv (nom simple, 1 Mio au plus).",
    ]


def test_a_valid_upload_gives_the_exercise_source_data_copy_and_points(db, module):
    files = upload([SimpleUploadedFile("nombres.txt", DATA.encode())])
    form = make_form(module, "notebook", form_data("notebook", points=9), files=files)
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    assert exercise.tests == {"source.ipynb": SOURCE, "data/nombres.txt": DATA}
    assert (
        exercise.solution == {"notebook.ipynb": SOURCE} and "NotImplementedError" in exercise.starter["notebook.ipynb"]
    )
    assert exercise.points == 3 and exercise.config == {} and exercise.time_limit == 5


def test_editing_without_a_new_upload_keeps_the_stored_notebook_and_data(db, module):
    form = make_form(module, "notebook", form_data("notebook"), files=upload([SimpleUploadedFile("nombres.txt", b"1")]))
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    initial = initial_for(exercise)
    assert initial["kind"] == "notebook" and "notebook" not in initial  # a file field has no initial value
    edit = make_form(
        module,
        "notebook",
        {**form_data("notebook"), "title": "Doubler"},
        files=upload(notebook=None),
        instance=exercise,
    )
    assert edit.is_valid(), edit.errors
    apply_form(exercise, edit.cleaned_data, edit.simple)
    assert exercise.title == "Doubler" and exercise.tests == {"source.ipynb": SOURCE, "data/nombres.txt": "1"}


def test_a_notebook_with_data_is_still_edited_in_the_browser(db, module):
    exercise = Exercise(
        module=module, kind="notebook", tests={"source.ipynb": SOURCE, "data/a.csv": "", "data/b.csv": ""}
    )
    assert is_simple(exercise) and make_form(module, "notebook", instance=exercise).simple


# ---------------------------------------------------------------- export


def test_export_writes_the_source_and_data_and_reads_back_the_same(db, module, tmp_path):
    form = make_form(
        module, "notebook", form_data("notebook"), files=upload([SimpleUploadedFile("nombres.txt", DATA.encode())])
    )
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    spec = export_and_read(exercise, tmp_path / "export")
    written = sorted(
        p.relative_to(tmp_path / "export").as_posix() for p in (tmp_path / "export").rglob("*") if p.is_file()
    )
    assert written == ["data/nombres.txt", "exercise.toml", "source.ipynb"]
    assert (spec.tests, spec.solution, spec.starter) == (exercise.tests, exercise.solution, exercise.starter)
    assert spec.points == 3 and spec.config == {}


# ---------------------------------------------------------------- grading


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    return read_exercise(write_folder(tmp_path_factory.mktemp("nb") / "doubler", FOLDER))


@needs_sandbox
def test_the_reference_notebook_passes_every_test(spec):
    result = kind_of("notebook").grade(spec, dict(spec.solution))
    assert result.status == "passed" and result.score == 1.0
    assert [(t.key, t.status, t.points, t.earned) for t in result.tests] == [
        ("tests-double", "passed", 2, 2),
        ("tests-total", "passed", 1, 1),
    ]


@needs_sandbox
def test_the_learners_copy_fails_every_test(spec):
    result = kind_of("notebook").grade(spec, dict(spec.starter))
    assert result.status == "failed" and result.score == 0.0
    assert [(t.key, t.status, t.earned) for t in result.tests] == [
        ("tests-double", "failed", 0),
        ("tests-total", "failed", 0),
    ]
    assert "NotImplementedError" in result.tests[0].message
