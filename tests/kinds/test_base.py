"""exercises.kinds.base.Kind: the defaults a new kind keeps unless it says otherwise."""

from types import SimpleNamespace

import pytest

from exercises.kinds.base import Kind, code_field, require, write_tree


class Bare(Kind):
    name = "bare"
    label = "Nu"


def test_a_bare_kind_is_code_files_graded_in_the_sandbox_by_its_grader_module():
    kind = Bare()
    assert (kind.in_sandbox, kind.work, kind.web_page, kind.document, kind.runner, kind.self_checked) == (
        True,
        "files",
        False,
        False,
        False,
        False,
    )
    assert kind.grader == f"{__name__}.grader"  # the grader lives beside the kind's class
    assert kind.authoring_fields == () and kind.form_fields() == {}
    assert repr(kind) == "<kind bare>"


def test_a_bare_kind_uses_the_shared_templates_and_titles():
    kind = Bare()
    assert (kind.work_template, kind.test_template, kind.beside_template, kind.result_template) == (
        "kinds/files/work.html",
        "kinds/test.html",
        "",
        "",
    )
    assert str(kind.work_title) == "Votre code" and not kind.uploads


def test_a_bare_kind_grades_the_stored_files_and_keeps_no_artefact():
    submission = SimpleNamespace(files={"a.py": "x = 1"}, answers={"q0": "1"})
    kind = Bare()
    assert kind.work_of(submission) == {"a.py": "x = 1"}
    assert kind.store_artefacts(1, {"screenshots": [(375, b"png")]}) is None
    assert kind.export_meta(SimpleNamespace()) == "" and kind.is_simple(SimpleNamespace()) is True


def test_a_kind_without_a_grader_module_says_so_when_asked_to_warm():
    with pytest.raises(ModuleNotFoundError, match="grader"):
        Bare().warm()


def test_the_default_export_writes_the_three_folders(tmp_path):
    exercise = SimpleNamespace(
        starter={"a.py": "# à vous\n"}, solution={"a.py": "x = 1\n"}, tests={"public/test_a.py": "def test(): pass\n"}
    )
    Bare().export(exercise, tmp_path)
    written = {p.relative_to(tmp_path).as_posix(): p.read_text() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {
        "starter/a.py": "# à vous\n",
        "solution/a.py": "x = 1\n",
        "tests/public/test_a.py": "def test(): pass\n",
    }


def test_write_tree_writes_at_the_folder_root_for_an_empty_part(tmp_path):
    write_tree(tmp_path, [("", {"source.ipynb": "{}"}), ("data", {"x.csv": "a\n"})])
    assert (tmp_path / "source.ipynb").read_text() == "{}" and (tmp_path / "data" / "x.csv").read_text() == "a\n"


def test_require_reports_each_blank_field_in_french():
    errors = []
    form = SimpleNamespace(add_error=lambda name, message: errors.append((name, str(message))))
    require(form, {"a": "  ", "b": "texte", "c": None}, ["a", "b", "c"])
    assert errors == [
        ("a", "Ce champ est obligatoire pour ce type d'exercice."),
        ("c", "Ce champ est obligatoire pour ce type d'exercice."),
    ]


def test_a_code_field_keeps_what_is_typed():
    field = code_field("Code", rows=3)
    assert field.clean("  indenté\n") == "  indenté\n" and not field.required
    assert field.widget.attrs == {"rows": 3, "class": "code", "cols": "40"}
