"""exercises.kinds.base.Kind: the defaults a new kind keeps unless it says otherwise."""

from types import SimpleNamespace

import pytest

from exercises.kinds.base import Kind, code_field, require, write_tree


class Bare(Kind):
    name = "bare"
    label = "Nu"


def test_a_bare_kind_is_code_files_graded_in_the_sandbox_by_its_grader_module():
    kind = Bare()
    assert (kind.in_sandbox, kind.web_page, kind.runner, kind.self_checked) == (
        True,
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


# ---------------------------------------------------------------- the learner's work and pages


def _exercise(module, **fields):
    from exercises.models import Exercise

    return Exercise.objects.create(module=module, slug="ex", title="Ex", kind="python", **fields)


def test_a_bare_kind_takes_code_files_typed_in_the_page(module, trainee):
    from exercises.models import Submission

    kind = Bare()
    exercise = _exercise(module, starter={"b.py": "# b\n", "a.py": "# a\n"})
    form = kind.work_form(exercise, trainee)
    assert form.filenames == ["a.py", "b.py"] and form["file_0"].value() == "# a\n"  # the starter, in order
    Submission.objects.create(exercise=exercise, learner=trainee, files={"a.py": "x = 2", "b.py": "y = 3"})
    assert kind.work_form(exercise, trainee)["file_1"].value() == "y = 3"  # the latest work
    sent = kind.work_form(exercise, trainee, {"file_0": "x = 1", "file_1": ""})
    assert sent.is_valid() and kind.work_sent(exercise, sent) == {"files": {"a.py": "x = 1", "b.py": ""}}
    empty = kind.work_form(exercise, trainee, {"file_0": " ", "file_1": "\n"})
    assert not empty.is_valid() and empty.non_field_errors() == [
        "Vos fichiers sont vides : écrivez votre code avant d'envoyer."
    ]
    assert kind.work_form(exercise, trainee).is_bound is False


def test_without_a_starter_the_learner_types_the_kind_s_default_file(module, trainee):
    kind = Bare()
    assert kind.work_form(_exercise(module), trainee).filenames == ["solution.py"]


def test_a_bare_kind_offers_verifier_only_with_public_tests(module, trainee):
    kind = Bare()
    exercise = _exercise(module, tests={"test_a.py": ""})
    assert kind.page_context(exercise, trainee, None) == {"has_public_tests": False}
    exercise.tests["public/test_a.py"] = ""
    assert kind.page_context(exercise, trainee, None) == {"has_public_tests": True}


def test_a_bare_kind_shows_nothing_more_has_no_pages_and_nothing_graded_by_hand():
    kind = Bare()
    assert kind.result_context(SimpleNamespace(is_pending=False)) == {}
    assert kind.urls() == [] and kind.manual_parts(SimpleNamespace(result={})) == []
    assert kind.csp is None and (kind.history_head, kind.history_cell, kind.review_template) == ("", "", "")
    assert kind.formset(None) is None and kind.take_formset(None, None) is True
    assert kind.authoring_context(None) == {} and kind.authoring_template == ""


def test_the_review_shows_the_files_in_order_line_by_line_with_their_comments():
    comments = [
        SimpleNamespace(filename="style.css", line=2, text="Une couleur trop pâle"),
        SimpleNamespace(filename="index.html", line=9, text="hors du fichier"),
    ]
    submission = SimpleNamespace(files={"style.css": "a {}\nb { color: #eee }", "index.html": "<p>"})
    files = Bare().review_context(submission, comments)["files"]
    assert [f["name"] for f in files] == ["index.html", "style.css"]  # the page before its styles
    assert files[1]["lines"][1] == {"number": 2, "text": "b { color: #eee }", "comments": [comments[0]]}
    assert files[0]["lines"] == [{"number": 1, "text": "<p>", "comments": []}]


def test_the_default_reading_of_work_to_grade_takes_a_file_or_a_folder(tmp_path):
    from exercises.kinds.base import Unreadable
    from exercises.kinds.common import MAX_SUBMISSION_BYTES

    kind = Bare()
    (tmp_path / "one.py").write_text("x = 1\n")
    assert kind.read_submission(tmp_path / "one.py") == {"one.py": b"x = 1\n"}
    folder = tmp_path / "work"
    (folder / "pkg" / "__pycache__").mkdir(parents=True)
    (folder / "pkg" / "m.py").write_text("y = 2\n")
    (folder / "pkg" / "__pycache__" / "m.pyc").write_bytes(b"\0")
    assert kind.read_submission(folder) == {"pkg/m.py": b"y = 2\n"}
    (folder / "big.txt").write_bytes(b"a" * MAX_SUBMISSION_BYTES)
    with pytest.raises(Unreadable, match="dépasse 1 Mio"):
        kind.read_submission(folder)
    (tmp_path / "big.py").write_bytes(b"#" * (MAX_SUBMISSION_BYTES + 1))
    with pytest.raises(Unreadable, match="dépasse 1 Mio"):
        kind.read_submission(tmp_path / "big.py")


def test_the_kinds_pages_are_collected_once_each():
    from exercises import kinds

    patterns = kinds.urls()
    names = [p.name for p in patterns]
    assert sorted(names) == [
        "exercise_preview",
        "notebook_bundle",
        "notebook_download",
        "notebook_image",
        "screenshot",
        "simulation_accompany",
        "simulation_accompany_answer",
        "simulation_accompany_ask",
        "simulation_account",
        "simulation_act",
        "simulation_appointments",
        "simulation_cart",
        "simulation_checkout",
        "simulation_confirm",
        "simulation_follow",
        "simulation_form",
        "simulation_home",
        "simulation_link",
        "simulation_message",
        "simulation_practitioner",
        "simulation_provider",
        "simulation_receipt",
        "simulation_restart",
        "simulation_site",
        "simulation_summary",
        "simulation_write",
        "submission_notebook",
    ]  # html and dom share the web pages: once


def test_each_kind_s_templates_are_found_in_its_package():
    from pathlib import Path

    from django.template.loader import get_template

    from exercises import kinds

    root = Path(kinds.__file__).parent
    assert kinds.kind_of("quiz").template_dir == root / "quiz" / "templates"
    assert Path(get_template("kinds/quiz/work.html").origin.name) == root / "quiz/templates/kinds/quiz/work.html"
    assert Path(get_template("kinds/files/work.html").origin.name) == root / "templates/kinds/files/work.html"
    assert Bare().template_dir == Path(__file__).parent / "templates"  # wherever the package is
