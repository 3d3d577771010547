"""The JavaScript kind (exercises/kinds/javascript): its folders, its authoring form, its export and its grading."""

import pytest

from exercises.forms import apply_form, initial_for, is_simple
from exercises.kinds import kind_of
from exercises.kinds.code import CODE_FIELDS
from exercises.models import Exercise
from exercises.spec import read_exercise

from .helpers import export_and_read, form_data, make_form, needs_sandbox, read_errors, write_folder

STARTER = "function crier(texte) {\n  return texte;\n}\n\nmodule.exports = { crier };\n"
SOLUTION = 'function crier(texte) {\n  return texte.toUpperCase() + " !";\n}\n\nmodule.exports = { crier };\n'
HEAD = 'const test = require("node:test");\nconst assert = require("node:assert/strict");\n'
HEAD += 'const { crier } = require("chaines");\n\n'
PUBLIC = HEAD + 'test("crier(\'oui\') renvoie \'OUI !\'", () => {\n  assert.equal(crier("oui"), "OUI !");\n});\n'
HIDDEN = HEAD + 'test("texte vide", () => {\n  assert.equal(crier(""), " !");\n});\n'
FOLDER = {
    "exercise.toml": 'title = "Crier"\nkind = "javascript"\ntime_limit = 5\n',
    "starter/chaines.js": STARTER,
    "solution/chaines.js": SOLUTION,
    "tests/crier.test.js": HIDDEN,
    "tests/public/crier.test.js": PUBLIC,
}
FORM = {
    "filename": "chaines.js",
    "starter": STARTER,
    "solution": SOLUTION,
    "public_tests": PUBLIC,
    "hidden_tests": HIDDEN,
}


def without(*names):
    return {name: text for name, text in FOLDER.items() if name not in names}


# ---------------------------------------------------------------- reading a folder


def test_a_valid_folder_gives_its_module_and_test_files(tmp_path):
    spec = read_exercise(write_folder(tmp_path / "crier", FOLDER))
    assert (spec.kind, spec.title, spec.time_limit, spec.config) == ("javascript", "Crier", 5, {})
    assert spec.starter == {"chaines.js": STARTER} and spec.solution == {"chaines.js": SOLUTION}
    assert spec.tests == {"crier.test.js": HIDDEN, "public/crier.test.js": PUBLIC}


def test_a_folder_without_tests_names_the_tests_folder(tmp_path):
    folder = write_folder(tmp_path / "crier", without("tests/crier.test.js", "tests/public/crier.test.js"))
    assert read_errors(folder) == [f"{folder / 'tests'}:1: aucun test : ajoutez des fichiers de tests dans tests/"]


def test_a_folder_without_solution_names_the_solution_folder(tmp_path):
    folder = write_folder(tmp_path / "crier", without("solution/chaines.js"))
    assert read_errors(folder) == [f"{folder / 'solution'}:1: solution de référence manquante"]


# ---------------------------------------------------------------- the authoring form


def test_the_form_has_the_code_fields_and_the_limits(db, module):
    fields = set(make_form(module, "javascript").fields)
    assert set(CODE_FIELDS) <= fields and {"time_limit", "memory_limit"} <= fields
    assert not fields & {"ordered", "checks", "web_starter_js", "notebook", "gift"}


def test_missing_required_fields_are_reported_on_each_field(db, module):
    form = make_form(module, "javascript", form_data("javascript", starter=STARTER))
    assert not form.is_valid()
    assert {name: form.errors[name] for name in ("filename", "solution", "hidden_tests")} == {
        name: ["Ce champ est obligatoire pour ce type d'exercice."] for name in ("filename", "solution", "hidden_tests")
    }


def test_a_python_file_is_refused(db, module):
    form = make_form(module, "javascript", form_data("javascript", **{**FORM, "filename": "chaines.py"}))
    assert not form.is_valid()
    assert form.errors["filename"] == ["Ce type d'exercice attend un fichier .js."]


def test_a_valid_form_puts_the_tests_in_the_node_test_files(db, module):
    form = make_form(module, "javascript", form_data("javascript", **FORM))
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    assert exercise.kind == "javascript" and exercise.config == {}
    assert exercise.starter == {"chaines.js": STARTER} and exercise.solution == {"chaines.js": SOLUTION}
    assert exercise.tests == {"hidden.test.js": HIDDEN, "public/public.test.js": PUBLIC}


def test_initial_values_give_back_what_was_typed(db, module):
    form = make_form(module, "javascript", form_data("javascript", **FORM))
    assert form.is_valid(), form.errors
    initial = initial_for(apply_form(Exercise(module=module), form.cleaned_data, True))
    assert {name: initial[name] for name in FORM} == FORM and initial["time_limit"] == 5


def test_tests_of_a_package_make_the_exercise_package_only(db, module):
    exercise = Exercise(module=module, kind="javascript", solution={"chaines.js": SOLUTION})
    exercise.tests = {"hidden.test.js": HIDDEN, "public/public.test.js": PUBLIC}
    assert is_simple(exercise)
    exercise.tests = {"crier.test.js": HIDDEN}  # a package's own test file name
    assert not is_simple(exercise)
    form = make_form(module, "javascript", instance=exercise)
    assert not form.simple and all(form.fields[name].disabled for name in CODE_FIELDS)


# ---------------------------------------------------------------- export


def test_export_then_read_gives_the_same_exercise(db, module, tmp_path):
    form = make_form(module, "javascript", form_data("javascript", **FORM))
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    spec = export_and_read(exercise, tmp_path / "exercice")
    assert (tmp_path / "exercice" / "tests" / "public" / "public.test.js").read_text() == PUBLIC
    assert (spec.kind, spec.starter, spec.solution, spec.tests, spec.config) == (
        "javascript",
        exercise.starter,
        exercise.solution,
        exercise.tests,
        {},
    )


def test_a_package_folder_exports_back_to_the_same_files(db, module, tmp_path):
    spec = read_exercise(write_folder(tmp_path / "crier", FOLDER))
    exercise = Exercise(module=module, kind="javascript", title=spec.title, time_limit=spec.time_limit)
    exercise.starter, exercise.solution, exercise.tests = spec.starter, spec.solution, spec.tests
    again = export_and_read(exercise, tmp_path / "export")
    assert (again.starter, again.solution, again.tests) == (spec.starter, spec.solution, spec.tests)


# ---------------------------------------------------------------- grading


@pytest.fixture
def spec(tmp_path):
    return read_exercise(write_folder(tmp_path / "crier", FOLDER))


@needs_sandbox
def test_the_reference_solution_passes(spec):
    result = kind_of("javascript").grade(spec, dict(spec.solution))
    assert result.status == "passed" and result.score == 1.0
    assert sorted((t.name, t.status, t.hidden) for t in result.tests) == [
        ("crier('oui') renvoie 'OUI !'", "passed", False),
        ("texte vide", "passed", True),
    ]


@needs_sandbox
def test_the_starter_fails_every_test_and_hides_the_hidden_ones(spec):
    result = kind_of("javascript").grade(spec, dict(spec.starter))
    assert result.status == "failed" and result.score == 0.0
    messages = {t.name: (t.status, t.message) for t in result.tests}
    assert messages["texte vide"] == ("failed", "Test caché : non réussi.")
    assert messages["crier('oui') renvoie 'OUI !'"][0] == "failed"
