"""A course package is read from its own folders and regular files only: links, devices and FIFOs are refused."""

import contextlib
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from courses.models import Course, Lesson
from courses.packages import PackageError, import_path
from exercises.models import Exercise
from tests.exercises.conftest import EXAMPLES

PROJECT = Path(__file__).resolve().parents[2]
LINK = "lien symbolique refusé"
SPECIAL = "fichier spécial refusé"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def link(path, target):
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


@pytest.fixture
def package(tmp_path):
    root = tmp_path / "mon-cours"
    write(root / "course.toml", 'title = "Mon cours"\ntrack = "numerique-de-base"\nsummary = "Un résumé."\n')
    write(root / "01-bases" / "module.toml", 'title = "Les bases"\n')
    write(root / "01-bases" / "01-intro.md", '+++\ntitle = "Introduction"\n+++\n\nUn premier texte.\n')
    return root


@pytest.fixture
def outside(tmp_path):
    """A folder next to the package: what a link could lead to."""
    folder = tmp_path / "ailleurs"
    write(folder / "course.toml", 'title = "Mon cours"\ntrack = "numerique-de-base"\nsummary = "Un résumé."\n')
    write(folder / "module.toml", 'title = "Ailleurs"\n')
    write(folder / "01-secret.md", '+++\ntitle = "Secret"\n+++\n\nUn texte secret.\n')
    write(folder / "quiz.gift", "::Q1:: 2 + 2 = {=4 ~5}\n")
    return folder


def add_example(package, name, as_name):
    folder = package / "01-bases" / as_name
    shutil.copytree(EXAMPLES / name, folder)
    return folder


def starter_to_a_system_file(package, outside):
    exercise = add_example(package, "moyenne", "02-moyenne")
    link(exercise / "starter" / "notes.py", "/etc/hostname")
    return "01-bases/02-moyenne/starter/notes.py"


def solution_to_a_project_file(package, outside):
    solution = add_example(package, "moyenne", "02-moyenne") / "solution" / "notes.py"
    link(solution, os.path.relpath(PROJECT / "config" / "settings.py", solution.parent))
    return "01-bases/02-moyenne/solution/notes.py"


def module_folder_linked(package, outside):
    link(package / "02-ailleurs", outside)
    return "02-ailleurs"


def notebook_data_folder_linked(package, outside):
    link(add_example(package, "notebook-villes", "02-villes") / "data", outside)
    return "01-bases/02-villes/data"


def asset_linked(package, outside):
    link(add_example(package, "carte-visite", "02-carte") / "assets" / "photo.png", outside / "01-secret.md")
    return "01-bases/02-carte/assets/photo.png"


def gift_file_linked(package, outside):
    write(package / "01-bases" / "02-quiz" / "exercise.toml", 'title = "Quiz"\nkind = "quiz"\n')
    link(package / "01-bases" / "02-quiz" / "questions.gift", outside / "quiz.gift")
    return "01-bases/02-quiz/questions.gift"


def markdown_lesson_linked(package, outside):
    link(package / "01-bases" / "02-secret.md", outside / "01-secret.md")
    return "01-bases/02-secret.md"


def notebook_lesson_linked(package, outside):
    notebook = PROJECT / "content" / "technicien-donnees" / "01-analyser-des-donnees" / "01-decouvrir-un-tableau.ipynb"
    link(package / "01-bases" / "02-tableau.ipynb", notebook)
    return "01-bases/02-tableau.ipynb"


def course_toml_linked(package, outside):
    link(package / "course.toml", outside / "course.toml")
    return "course.toml"


def module_toml_linked(package, outside):
    link(package / "01-bases" / "module.toml", outside / "module.toml")
    return "01-bases/module.toml"


@pytest.mark.parametrize(
    "make",
    [
        starter_to_a_system_file,
        solution_to_a_project_file,
        module_folder_linked,
        notebook_data_folder_linked,
        asset_linked,
        gift_file_linked,
        markdown_lesson_linked,
        notebook_lesson_linked,
        course_toml_linked,
        module_toml_linked,
    ],
    ids=lambda make: make.__name__,
)
def test_import_course_refuses_a_link_naming_it_and_imports_nothing(db, package, outside, capsys, make):
    shown = make(package, outside)
    with pytest.raises(CommandError):
        call_command("import_course", str(package))
    assert f"mon-cours/{shown}:1: {LINK}" in capsys.readouterr().err
    assert not Course.objects.exists() and not Lesson.objects.exists() and not Exercise.objects.exists()


def test_a_link_to_a_file_of_the_package_itself_is_refused_too(db, package):
    """Simplest rule, and what the author can act on: a package holds no link at all."""
    link(package / "01-bases" / "02-encore.md", "01-intro.md")
    with pytest.raises(PackageError) as error:
        import_path(package)
    assert error.value.errors == [
        f"mon-cours/01-bases/02-encore.md:1: {LINK} : mettez à sa place le fichier ou le dossier lui-même"
    ]
    assert not Course.objects.exists()


def test_a_refused_reimport_leaves_the_imported_course_unchanged(db, package, outside):
    import_path(package)
    link(package / "01-bases" / "01-intro.md", outside / "01-secret.md")
    with pytest.raises(PackageError):
        import_path(package)
    assert list(Lesson.objects.values_list("title", flat=True)) == ["Introduction"]
    assert not Lesson.objects.filter(body__contains="secret").exists()


@contextmanager
def never_hanging(fifo):
    """Frees whoever opens the FIFO to read it (end of file at once): a regression fails instead of hanging."""
    stop = threading.Event()

    def free():
        while not stop.wait(0.05):
            with contextlib.suppress(OSError):  # nobody reading
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    thread = threading.Thread(target=free, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def test_a_fifo_in_an_exercise_is_refused_not_read(db, package, capsys):
    fifo = add_example(package, "moyenne", "02-moyenne") / "tests" / "test_tube.py"
    os.mkfifo(fifo)
    with never_hanging(fifo), pytest.raises(CommandError):
        call_command("import_course", str(package))
    assert f"mon-cours/01-bases/02-moyenne/tests/test_tube.py:1: {SPECIAL}" in capsys.readouterr().err
    assert not Course.objects.exists() and not Exercise.objects.exists()


def test_the_package_itself_may_be_reached_through_a_link(db, package, tmp_path):
    shortcut = tmp_path / "raccourci"
    shortcut.symlink_to(package)
    [course] = import_path(shortcut)
    assert course.title == "Mon cours"


def test_a_linked_course_in_a_folder_of_courses_is_refused(db, package, tmp_path):
    link(tmp_path / "cours" / "mon-cours", package)
    with pytest.raises(PackageError) as error:
        import_path(tmp_path / "cours")
    assert error.value.errors[0].startswith(f"{tmp_path / 'cours' / 'mon-cours'}:1: {LINK}")
    assert not Course.objects.exists()


def test_check_course_refuses_a_linked_file_without_grading(package, outside, capsys):
    starter_to_a_system_file(package, outside)
    with pytest.raises(SystemExit) as exit_info:
        call_command("check_course", str(package))
    captured = capsys.readouterr()
    assert exit_info.value.code == 1
    assert f"{package}/01-bases/02-moyenne/starter/notes.py:1: {LINK}" in captured.err
    assert "passed" not in captured.out


def test_check_course_refuses_a_linked_exercise_folder(package, capsys):
    link(package / "01-bases" / "02-moyenne", EXAMPLES / "moyenne")
    with pytest.raises(SystemExit) as exit_info:
        call_command("check_course", str(package))
    assert exit_info.value.code == 1
    assert f"{package}/01-bases/02-moyenne:1: {LINK}" in capsys.readouterr().err


def test_grade_refuses_a_submitted_folder_holding_a_link(tmp_path, capsys):
    submission = tmp_path / "travail"
    link(submission / "notes.py", PROJECT / "config" / "settings.py")
    with pytest.raises(SystemExit) as exit_info:
        call_command("grade", str(EXAMPLES / "moyenne"), str(submission))
    captured = capsys.readouterr()
    assert exit_info.value.code == 2
    assert f"{submission / 'notes.py'}:1: {LINK}" in captured.err and not captured.out


def test_grade_refuses_an_exercise_folder_holding_a_link(tmp_path, capsys):
    exercise = tmp_path / "moyenne"
    shutil.copytree(EXAMPLES / "moyenne", exercise)
    link(exercise / "tests" / "test_cache.py", "/etc/hostname")
    with pytest.raises(SystemExit) as exit_info:
        call_command("grade", str(exercise), str(EXAMPLES / "moyenne" / "solution"))
    assert exit_info.value.code == 2
    assert f"{exercise / 'tests' / 'test_cache.py'}:1: {LINK}" in capsys.readouterr().err
