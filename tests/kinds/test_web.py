"""The web kinds html and dom (exercises/kinds/web): folders with checks.toml and assets, the authoring form,
export, and grading by the parser and in the sandboxed browser."""

import base64
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from exercises.forms import apply_form, initial_for, is_simple
from exercises.kinds import kind_of
from exercises.kinds.web import WEB_FIELDS
from exercises.models import Exercise
from exercises.spec import read_exercise

from .helpers import export_and_read, form_data, make_form, read_errors, write_folder

needs_browser = pytest.mark.skipif(
    shutil.which("bwrap") is None or not Path(settings.SANDBOX_CHROMIUM).exists(),
    reason="bubblewrap or Debian's chromium is not installed",
)

PAGE = (
    '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Carte</title>'
    '<link rel="stylesheet" href="style.css"></head>\n<body><main><h1>Samia</h1>'
    '<img src="photo.png" alt="Portrait de Samia"></main></body></html>\n'
)
CSS = "h1 { color: #1a1a1a; }\n"
CHECKS = """[[check]]
type = "element"
name = "Un titre principal"
selector = "h1"
count = 1

[[check]]
type = "element"
name = "La photo a un texte alternatif"
selector = "img"
attribute = "alt"
pattern = "\\\\S"
hidden = true
"""
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
FOLDER = {
    "exercise.toml": 'title = "Carte"\nkind = "html"\n',
    "starter/index.html": PAGE.replace("<h1>Samia</h1>", ""),
    "solution/index.html": PAGE,
    "solution/style.css": CSS,
    "tests/checks.toml": CHECKS,
    "assets/photo.png": PNG,
}
FORM = {
    "web_starter_html": FOLDER["starter/index.html"],
    "web_starter_css": "",
    "web_starter_js": "",
    "web_solution_html": PAGE,
    "web_solution_css": CSS,
    "web_solution_js": "",
    "checks": CHECKS,
}


def folder_of(kind, **changes):
    files = {**FOLDER, "exercise.toml": f'title = "Carte"\nkind = "{kind}"\n', **changes}
    return {name: content for name, content in files.items() if content is not None}


# ---------------------------------------------------------------- reading a folder


@pytest.mark.parametrize("kind", ["html", "dom"])
def test_a_valid_folder_gives_its_pages_checks_and_assets(tmp_path, kind):
    spec = read_exercise(write_folder(tmp_path / "carte", folder_of(kind)))
    assert spec.kind == kind and spec.solution == {"index.html": PAGE, "style.css": CSS}
    assert spec.starter == {"index.html": FOLDER["starter/index.html"]} and spec.tests == {"checks.toml": CHECKS}
    assert spec.config == {"assets": {"photo.png": base64.b64encode(PNG).decode("ascii")}}


@pytest.mark.parametrize("kind", ["html", "dom"])
def test_a_folder_without_checks_names_tests_checks_toml(tmp_path, kind):
    folder = write_folder(tmp_path / "carte", folder_of(kind, **{"tests/checks.toml": None}))
    assert read_errors(folder) == [f"{folder / 'tests' / 'checks.toml'}:1: fichier manquant"]


def test_a_folder_without_solution_names_the_solution_folder(tmp_path):
    folder = write_folder(
        tmp_path / "carte", folder_of("html", **{"solution/index.html": None, "solution/style.css": None})
    )
    assert read_errors(folder) == [f"{folder / 'solution'}:1: solution de référence manquante"]


def test_an_invalid_check_is_reported_at_its_line(tmp_path):
    checks = CHECKS + '\n[[check]]\ntype = "style"\nname = "Couleur"\nselector = "h1"\nvalue = "red"\n'
    folder = write_folder(tmp_path / "carte", folder_of("dom", **{"tests/checks.toml": checks}))
    assert read_errors(folder) == [
        f"{folder / 'tests' / 'checks.toml'}:15: une vérification « style » indique la propriété CSS (« property »)"
    ]


def test_an_unknown_check_type_and_an_empty_checks_file_are_reported(tmp_path):
    folder = write_folder(tmp_path / "a", folder_of("html", **{"tests/checks.toml": '[[check]]\ntype = "beau"\n'}))
    (error,) = read_errors(folder)
    assert error.startswith(f"{folder / 'tests' / 'checks.toml'}:1: « type » doit valoir l'un de : accessible, axe")
    empty = write_folder(tmp_path / "b", folder_of("html", **{"tests/checks.toml": "# rien\n"}))
    assert read_errors(empty) == [
        f"{empty / 'tests' / 'checks.toml'}:1: aucune vérification : ajoutez des tables [[check]]"
    ]


def test_an_asset_of_a_refused_type_is_named(tmp_path):
    folder = write_folder(tmp_path / "carte", folder_of("html", **{"assets/outil.exe": b"MZ"}))
    (error,) = read_errors(folder)
    assert error.startswith(f"{folder / 'assets' / 'outil.exe'}:1: fichier refusé (types permis : .png .jpg")


# ---------------------------------------------------------------- the authoring form


@pytest.mark.parametrize("kind", ["html", "dom"])
def test_the_form_has_the_page_fields_and_no_code_fields(db, module, kind):
    fields = set(make_form(module, kind).fields)
    assert set(WEB_FIELDS) <= fields and {"time_limit", "memory_limit"} <= fields
    assert not fields & {"filename", "starter", "solution", "hidden_tests", "ordered", "notebook", "gift"}


def test_missing_solution_page_and_checks_are_reported_on_their_fields(db, module):
    form = make_form(module, "html", form_data("html", web_starter_html=PAGE))
    assert not form.is_valid()
    required = ["Ce champ est obligatoire pour ce type d'exercice."]
    assert form.errors["web_solution_html"] == form.errors["checks"] == required


def test_invalid_checks_are_reported_on_the_checks_field(db, module):
    form = make_form(module, "dom", form_data("dom", **{**FORM, "checks": '[[check]]\ntype = "element"\nname = "x"\n'}))
    assert not form.is_valid()
    assert form.errors["checks"] == ["checks.toml:1: « selector » (un sélecteur CSS) est obligatoire ici"]


def test_a_valid_form_gives_the_pages_and_keeps_the_assets(db, module):
    exercise = Exercise(module=module, kind="html", config={"assets": {"photo.png": "AAAA"}, "ancien": 1})
    form = make_form(module, "html", form_data("html", **FORM), instance=exercise)
    assert form.is_valid(), form.errors
    apply_form(exercise, form.cleaned_data, form.simple)
    assert exercise.starter == {"index.html": FORM["web_starter_html"]}  # blank files are left out
    assert exercise.solution == {"index.html": PAGE, "style.css": CSS} and exercise.tests == {"checks.toml": CHECKS}
    assert exercise.config == {"assets": {"photo.png": "AAAA"}}


def test_initial_values_give_back_what_was_typed(db, module):
    form = make_form(module, "dom", form_data("dom", **{**FORM, "web_solution_js": "console.log(1);\n"}))
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    assert exercise.kind == "dom" and exercise.solution["script.js"] == "console.log(1);\n"
    initial = initial_for(exercise)
    assert {name: initial[name] for name in WEB_FIELDS} == {**FORM, "web_solution_js": "console.log(1);\n"}


def test_a_page_of_more_files_is_edited_in_its_package_only(db, module):
    exercise = Exercise(module=module, kind="html", solution={"index.html": PAGE}, tests={"checks.toml": CHECKS})
    assert is_simple(exercise)
    exercise.solution = {"index.html": PAGE, "contact.html": PAGE}
    assert not is_simple(exercise)
    form = make_form(module, "html", instance=exercise)
    assert all(form.fields[name].disabled for name in WEB_FIELDS) and not form.fields["title"].disabled


# ---------------------------------------------------------------- export


@pytest.mark.parametrize("kind", ["html", "dom"])
def test_export_then_read_gives_the_same_pages_checks_and_assets(db, module, tmp_path, kind):
    spec = read_exercise(write_folder(tmp_path / "carte", folder_of(kind)))
    exercise = Exercise(module=module, kind=kind, title=spec.title, config=spec.config)
    exercise.starter, exercise.solution, exercise.tests = spec.starter, spec.solution, spec.tests
    again = export_and_read(exercise, tmp_path / "export")
    assert (tmp_path / "export" / "assets" / "photo.png").read_bytes() == PNG
    assert (again.kind, again.starter, again.solution, again.tests) == (kind, spec.starter, spec.solution, spec.tests)
    assert again.config == spec.config


# ---------------------------------------------------------------- grading


def test_parser_checks_pass_the_reference_and_fail_a_page_without_title(tmp_path):
    """Element checks only: graded by the parser, without browser nor sandbox."""
    spec = read_exercise(write_folder(tmp_path / "carte", folder_of("html")))
    assert kind_of("html").grade(spec, dict(spec.solution)).status == "passed"
    result = kind_of("html").grade(spec, {"index.html": PAGE.replace("<h1>Samia</h1>", "").replace('alt="', 'title="')})
    assert result.status == "failed" and result.score == 0.0
    assert [(t.name, t.status, t.hidden) for t in result.tests] == [
        ("Un titre principal", "failed", False),
        ("La photo a un texte alternatif", "failed", True),
    ]
    assert result.tests[0].message == "« h1 » : 0 élément(s) trouvé(s), attendu : 1."
    assert result.tests[1].message == "Vérification cachée : non réussie."


MENU_PAGE = (
    '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Menu</title></head>\n<body>'
    '<button id="bouton">Menu</button><nav id="menu" hidden>Liens</nav>'
    '<script src="script.js"></script></body></html>\n'
)
MENU_CHECKS = """[[check]]
type = "scenario"
name = "Au départ, le menu est caché"
expect = [{ selector = "#menu", visible = false }]

[[check]]
type = "scenario"
name = "Un clic ouvre le menu"
steps = [{ click = "#bouton" }]
expect = [{ selector = "#menu", visible = true }]
"""


@needs_browser
def test_a_dom_scenario_passes_the_reference_and_fails_a_page_without_script(tmp_path):
    script = 'document.querySelector("#bouton").addEventListener("click", () => { menu.hidden = false; });\n'
    files = {
        "exercise.toml": 'title = "Menu"\nkind = "dom"\n',
        "solution/index.html": MENU_PAGE,
        "solution/script.js": script,
        "tests/checks.toml": MENU_CHECKS,
    }
    spec = read_exercise(write_folder(tmp_path / "menu", files))
    assert kind_of("dom").grade(spec, dict(spec.solution)).status == "passed"
    result = kind_of("dom").grade(spec, {"index.html": MENU_PAGE, "script.js": "// rien\n"})
    assert [(t.name, t.status) for t in result.tests] == [
        ("Au départ, le menu est caché", "passed"),
        ("Un clic ouvre le menu", "failed"),
    ]
    assert result.tests[1].message == "nav#menu devrait être visible."
