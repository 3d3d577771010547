"""The Python kind (exercises/kinds/python): its folders, its authoring form, its export and its grading."""

import pytest

from exercises.forms import apply_form, initial_for, is_simple
from exercises.kinds import kind_of
from exercises.kinds.base import REQUIRED
from exercises.kinds.code import CODE_FIELDS
from exercises.models import Exercise
from exercises.spec import read_exercise

from .helpers import export_and_read, form_data, make_form, needs_sandbox, read_errors, write_folder

STARTER = "def double(x):\n    pass\n"
SOLUTION = "def double(x):\n    return 2 * x\n"
PUBLIC = 'from calcul import double\n\n\ndef test_deux():\n    """double(2) renvoie 4"""\n    assert double(2) == 4\n'
HIDDEN = "from calcul import double\n\n\ndef test_negatif():\n    assert double(-3) == -6\n"
FOLDER = {
    "exercise.toml": 'title = "Doubler"\nkind = "python"\npoints = 3\ntime_limit = 4\n',
    "statement.md": "Écrivez `double(x)`.",
    "starter/calcul.py": STARTER,
    "solution/calcul.py": SOLUTION,
    "tests/test_hidden.py": HIDDEN,
    "tests/public/test_public.py": PUBLIC,
}
FORM = {
    "filename": "calcul.py",
    "starter": STARTER,
    "solution": SOLUTION,
    "public_tests": PUBLIC,
    "hidden_tests": HIDDEN,
}


def without(*names):
    return {name: text for name, text in FOLDER.items() if name not in names}


# ---------------------------------------------------------------- reading a folder


def test_a_valid_folder_gives_its_files_and_no_config(tmp_path):
    spec = read_exercise(write_folder(tmp_path / "doubler", FOLDER))
    assert (spec.kind, spec.title, spec.points, spec.time_limit) == ("python", "Doubler", 3, 4)
    assert spec.starter == {"calcul.py": STARTER} and spec.solution == {"calcul.py": SOLUTION}
    assert spec.tests == {"test_hidden.py": HIDDEN, "public/test_public.py": PUBLIC}
    assert spec.public_tests == {"public/test_public.py": PUBLIC} and spec.config == {}


def test_a_folder_without_tests_names_the_tests_folder(tmp_path):
    folder = write_folder(tmp_path / "doubler", without("tests/test_hidden.py", "tests/public/test_public.py"))
    assert read_errors(folder) == [f"{folder / 'tests'}:1: aucun test : ajoutez des fichiers de tests dans tests/"]


def test_a_folder_without_solution_names_the_solution_folder(tmp_path):
    folder = write_folder(tmp_path / "doubler", without("solution/calcul.py"))
    assert read_errors(folder) == [f"{folder / 'solution'}:1: solution de référence manquante"]


def test_public_tests_alone_are_enough(tmp_path):
    spec = read_exercise(write_folder(tmp_path / "doubler", without("tests/test_hidden.py")))
    assert spec.tests == {"public/test_public.py": PUBLIC}


def test_both_problems_are_reported_together(tmp_path):
    folder = write_folder(
        tmp_path / "doubler", without("solution/calcul.py", "tests/test_hidden.py", "tests/public/test_public.py")
    )
    errors = read_errors(folder)
    assert len(errors) == 2 and errors[0].startswith(f"{folder / 'tests'}:1: ")
    assert errors[1].startswith(f"{folder / 'solution'}:1: ")


# ---------------------------------------------------------------- the authoring form


def test_the_form_has_the_code_fields_and_no_other_kinds(db, module):
    fields = set(make_form(module, "python").fields)
    assert set(CODE_FIELDS) <= fields and {"time_limit", "memory_limit"} <= fields
    assert not fields & {"ordered", "checks", "web_solution_html", "notebook", "notebook_data", "gift"}


def test_missing_required_fields_are_reported_on_each_field(db, module):
    form = make_form(module, "python", form_data("python", filename="", solution="  ", hidden_tests=""))
    assert not form.is_valid()
    for name in ("filename", "solution", "hidden_tests"):
        assert form.errors[name] == [str(REQUIRED)] == ["Ce champ est obligatoire pour ce type d'exercice."]
    assert "starter" not in form.errors and "public_tests" not in form.errors


def test_a_file_of_another_language_is_refused(db, module):
    form = make_form(module, "python", form_data("python", **{**FORM, "filename": "calcul.js"}))
    assert not form.is_valid()
    assert form.errors["filename"] == ["Ce type d'exercice attend un fichier .py."]


def test_a_valid_form_gives_the_exercise_its_files(db, module):
    form = make_form(module, "python", form_data("python", **FORM))
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    assert exercise.kind == "python" and exercise.starter == {"calcul.py": STARTER}
    assert exercise.solution == {"calcul.py": SOLUTION}
    assert exercise.tests == {"test_hidden.py": HIDDEN, "public/test_public.py": PUBLIC}
    assert exercise.config == {} and (exercise.time_limit, exercise.memory_limit, exercise.penalty) == (5, 256, 0.1)


def test_blank_starter_and_public_tests_leave_no_file(db, module):
    form = make_form(module, "python", form_data("python", **{**FORM, "starter": "", "public_tests": "  \n"}))
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    assert exercise.starter == {} and exercise.tests == {"test_hidden.py": HIDDEN}


def test_initial_values_give_back_what_was_typed(db, module):
    form = make_form(module, "python", form_data("python", **FORM))
    assert form.is_valid(), form.errors
    initial = initial_for(apply_form(Exercise(module=module), form.cleaned_data, True))
    assert {name: initial[name] for name in FORM} == FORM
    assert (initial["kind"], initial["penalty"], initial["hints"]) == ("python", 10, "1: Relisez l'énoncé.")


def test_one_file_and_the_usual_tests_are_edited_in_the_browser(db, module):
    exercise = Exercise(module=module, kind="python", starter={"calcul.py": STARTER}, solution={"calcul.py": SOLUTION})
    exercise.tests = {"test_hidden.py": HIDDEN, "public/test_public.py": PUBLIC}
    assert is_simple(exercise) and make_form(module, "python", instance=exercise).simple


@pytest.mark.parametrize(
    "extra",
    [
        {"solution": {"calcul.py": SOLUTION, "outils.py": "X = 1\n"}},
        {"starter": {"calcul.py": STARTER, "outils.py": "X = 1\n"}},
        {"tests": {"test_hidden.py": HIDDEN, "test_autre.py": HIDDEN}},
    ],
)
def test_an_exercise_with_extra_files_is_edited_in_its_package_only(db, module, extra):
    files = {
        "starter": {"calcul.py": STARTER},
        "solution": {"calcul.py": SOLUTION},
        "tests": {"test_hidden.py": HIDDEN},
    }
    exercise = Exercise(module=module, kind="python", **{**files, **extra})
    assert not is_simple(exercise)
    form = make_form(module, "python", instance=exercise)
    assert all(form.fields[name].disabled for name in CODE_FIELDS) and form.fields["kind"].disabled
    assert not form.fields["title"].disabled and not form.fields["time_limit"].disabled


def test_saving_a_package_only_exercise_keeps_its_files(db, module):
    files = {"calcul.py": SOLUTION, "outils.py": "X = 1\n"}
    exercise = Exercise(module=module, kind="python", solution=dict(files), tests={"test_hidden.py": HIDDEN})
    form = make_form(
        module, "python", form_data("python", title="Nouveau titre", solution="x = 0\n"), instance=exercise
    )
    assert form.is_valid(), form.errors
    apply_form(exercise, form.cleaned_data, form.simple)
    assert (
        exercise.title == "Nouveau titre"
        and exercise.solution == files
        and exercise.tests == {"test_hidden.py": HIDDEN}
    )


# ---------------------------------------------------------------- export


def test_export_then_read_gives_the_same_exercise(db, module, tmp_path):
    form = make_form(module, "python", form_data("python", **FORM))
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    spec = export_and_read(exercise, tmp_path / "exercice")
    assert (spec.starter, spec.solution, spec.tests, spec.config) == (
        exercise.starter,
        exercise.solution,
        exercise.tests,
        {},
    )
    assert (spec.points, spec.time_limit, spec.memory_limit, spec.penalty) == (2, 5, 256, 0.1)
    assert spec.hints == [{"after": 1, "text": "Relisez l'énoncé."}]


# ---------------------------------------------------------------- grading


@pytest.fixture
def spec(tmp_path):
    return read_exercise(write_folder(tmp_path / "doubler", FOLDER))


@needs_sandbox
def test_the_reference_solution_passes(spec):
    result = kind_of("python").grade(spec, dict(spec.solution))
    assert result.status == "passed" and result.score == 1.0
    assert [(t.name, t.status, t.hidden) for t in result.tests] == [
        ("double(2) renvoie 4", "passed", False),
        ("Negatif", "passed", True),
    ]


@needs_sandbox
def test_a_wrong_answer_fails_the_hidden_test_only(spec):
    result = kind_of("python").grade(spec, {"calcul.py": "def double(x):\n    return x * x\n"})
    assert result.status == "failed" and result.score == 0.5
    statuses = {t.name: (t.status, t.message) for t in result.tests}
    assert statuses == {"double(2) renvoie 4": ("passed", ""), "Negatif": ("failed", "Test caché : non réussi.")}
