"""The SQL kind (exercises/kinds/sql): its folders and [sql] table, its authoring form, its export and its grading."""

import pytest

from exercises.forms import apply_form, initial_for, is_simple
from exercises.kinds import kind_of
from exercises.models import Exercise
from exercises.spec import read_exercise

from .helpers import export_and_read, form_data, make_form, needs_sandbox, read_errors, write_folder

SCHEMA = (
    "CREATE TABLE livres (id INTEGER PRIMARY KEY, titre TEXT, annee INTEGER);\n"
    "INSERT INTO livres (titre, annee) VALUES ('Chanson douce', 2016), ('Le Petit Prince', 1943), "
    "('Vernon Subutex', 2015);\n"
)
SOLUTION = "SELECT titre, annee FROM livres WHERE annee > 2000 ORDER BY annee DESC;"
STARTER = "-- Votre requête\nSELECT titre FROM livres;"
FOLDER = {
    "exercise.toml": 'title = "Livres récents"\nkind = "sql"\n\n[sql]\nordered = true\ncheck_column_names = true\n',
    "starter/query.sql": STARTER,
    "solution/query.sql": SOLUTION,
    "tests/schema.sql": SCHEMA,
}
FORM = {"starter": STARTER, "solution": SOLUTION, "hidden_tests": SCHEMA, "ordered": "on"}


def without(*names):
    return {name: text for name, text in FOLDER.items() if name not in names}


# ---------------------------------------------------------------- reading a folder


def test_a_valid_folder_gives_its_query_schema_and_sql_table(tmp_path):
    spec = read_exercise(write_folder(tmp_path / "livres", FOLDER))
    assert spec.starter == {"query.sql": STARTER} and spec.solution == {"query.sql": SOLUTION}
    assert spec.tests == {"schema.sql": SCHEMA}
    assert spec.config == {"ordered": True, "check_column_names": True}


def test_without_sql_table_rows_are_unordered_and_names_free(tmp_path):
    files = {**FOLDER, "exercise.toml": 'title = "Livres"\nkind = "sql"\n'}
    assert read_exercise(write_folder(tmp_path / "livres", files)).config == {
        "ordered": False,
        "check_column_names": False,
    }


def test_a_folder_without_schema_names_tests_schema_sql(tmp_path):
    folder = write_folder(tmp_path / "livres", without("tests/schema.sql"))
    assert read_errors(folder) == [f"{folder / 'tests' / 'schema.sql'}:1: fichier manquant"]


def test_a_folder_without_reference_query_names_solution_query_sql(tmp_path):
    folder = write_folder(tmp_path / "livres", without("solution/query.sql"))
    assert read_errors(folder) == [f"{folder / 'solution' / 'query.sql'}:1: fichier manquant"]


def test_a_reference_query_of_another_name_is_not_taken(tmp_path):
    files = {**without("solution/query.sql"), "solution/requete.sql": SOLUTION}
    folder = write_folder(tmp_path / "livres", files)
    assert read_errors(folder) == [f"{folder / 'solution' / 'query.sql'}:1: fichier manquant"]


def test_a_non_boolean_ordered_is_reported(tmp_path):
    """The string "false" would turn ordering on: it is an error on its line, not a guess."""
    files = {**FOLDER, "exercise.toml": 'title = "Livres"\nkind = "sql"\n\n[sql]\nordered = "false"\n'}
    folder = write_folder(tmp_path / "livres", files)
    errors = read_errors(folder)
    assert len(errors) == 1 and errors[0].startswith(f"{folder / 'exercise.toml'}:5: ")
    assert "« ordered » vaut true ou false" in errors[0]


# ---------------------------------------------------------------- the authoring form


def test_the_form_has_the_sql_fields_only(db, module):
    fields = set(make_form(module, "sql").fields)
    assert {"starter", "solution", "hidden_tests", "ordered", "time_limit", "memory_limit"} <= fields
    assert not fields & {"filename", "public_tests", "checks", "notebook", "gift"}


def test_missing_query_and_schema_are_reported_on_their_fields(db, module):
    form = make_form(module, "sql", form_data("sql", starter=STARTER))
    assert not form.is_valid()
    assert (
        form.errors["solution"] == form.errors["hidden_tests"] == ["Ce champ est obligatoire pour ce type d'exercice."]
    )
    assert "starter" not in form.errors


def test_a_valid_form_gives_query_sql_schema_sql_and_the_order_rule(db, module):
    form = make_form(module, "sql", form_data("sql", **FORM))
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    assert exercise.starter == {"query.sql": STARTER} and exercise.solution == {"query.sql": SOLUTION}
    assert exercise.tests == {"schema.sql": SCHEMA}
    assert exercise.config == {"ordered": True, "check_column_names": False}


def test_the_form_keeps_a_package_s_column_names_rule(db, module):
    exercise = Exercise(module=module, kind="sql", config={"ordered": True, "check_column_names": True})
    form = make_form(module, "sql", form_data("sql", **{**FORM, "ordered": ""}), instance=exercise)
    assert form.is_valid(), form.errors
    apply_form(exercise, form.cleaned_data, form.simple)
    assert exercise.config == {"ordered": False, "check_column_names": True}


def test_initial_values_give_back_what_was_typed(db, module):
    form = make_form(module, "sql", form_data("sql", **FORM))
    assert form.is_valid(), form.errors
    initial = initial_for(apply_form(Exercise(module=module), form.cleaned_data, True))
    assert {name: initial[name] for name in FORM} == {**FORM, "ordered": True}


def test_extra_data_files_make_the_exercise_package_only(db, module):
    exercise = Exercise(module=module, kind="sql", solution={"query.sql": SOLUTION}, tests={"schema.sql": SCHEMA})
    assert is_simple(exercise)
    exercise.tests = {"schema.sql": SCHEMA, "donnees.csv": "a,b\n"}
    assert not is_simple(exercise)
    form = make_form(module, "sql", instance=exercise)
    assert all(form.fields[name].disabled for name in ("starter", "solution", "hidden_tests", "ordered"))


# ---------------------------------------------------------------- export


def test_export_writes_the_sql_table_and_reads_back_the_same(db, module, tmp_path):
    spec = read_exercise(write_folder(tmp_path / "livres", FOLDER))
    exercise = Exercise(module=module, kind="sql", title=spec.title, config=spec.config)
    exercise.starter, exercise.solution, exercise.tests = spec.starter, spec.solution, spec.tests
    again = export_and_read(exercise, tmp_path / "export")
    meta = (tmp_path / "export" / "exercise.toml").read_text()
    assert "[sql]\nordered = true\ncheck_column_names = true\n" in meta
    assert (again.starter, again.solution, again.tests) == (spec.starter, spec.solution, spec.tests)
    assert again.config == {"ordered": True, "check_column_names": True}


def test_an_unordered_exercise_exports_false_and_stays_unordered(db, module, tmp_path):
    form = make_form(module, "sql", form_data("sql", **{**FORM, "ordered": ""}))
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    again = export_and_read(exercise, tmp_path / "export")
    assert again.config == {"ordered": False, "check_column_names": False}
    assert again.solution == {"query.sql": SOLUTION} and again.tests == {"schema.sql": SCHEMA}


# ---------------------------------------------------------------- grading


@pytest.fixture
def spec(tmp_path):
    return read_exercise(write_folder(tmp_path / "livres", FOLDER))


def statuses(result):
    return {t.name: t.status for t in result.tests}


@needs_sandbox
def test_the_reference_query_passes_every_test(spec):
    result = kind_of("sql").grade(spec, dict(spec.solution))
    assert result.status == "passed" and result.score == 1.0
    assert statuses(result) == {
        "La requête s'exécute": "passed",
        "Les colonnes sont les bonnes": "passed",
        "Les lignes sont les bonnes": "passed",
        "Les lignes sont dans le bon ordre": "passed",
    }


@needs_sandbox
def test_wrong_order_and_column_name_fail_their_tests_only(spec):
    query = "SELECT titre AS nom, annee FROM livres WHERE annee > 2000 ORDER BY annee"
    result = kind_of("sql").grade(spec, {"query.sql": query})
    assert result.status == "failed" and result.score == 0.5
    assert statuses(result) == {
        "La requête s'exécute": "passed",
        "Les colonnes sont les bonnes": "failed",
        "Les lignes sont les bonnes": "passed",
        "Les lignes sont dans le bon ordre": "failed",
    }
    columns = next(t for t in result.tests if t.name == "Les colonnes sont les bonnes")
    assert columns.message == "Votre résultat a les colonnes nom, annee ; il faut les colonnes titre, annee."
