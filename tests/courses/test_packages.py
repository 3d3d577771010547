from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from courses.models import Course, Lesson, LessonCompletion, Status
from courses.packages import PackageError, export_course, import_path

CONTENT = Path(__file__).resolve().parents[2] / "content"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def package(tmp_path):
    root = tmp_path / "mon-cours"
    write(
        root / "course.toml",
        'title = "Mon cours"\ntrack = "numerique-de-base"\nsummary = "Un résumé."\nduration = 30\n',
    )
    write(root / "01-bases" / "module.toml", 'title = "Les bases"\n')
    write(
        root / "01-bases" / "01-intro.md", '+++\ntitle = "Introduction"\n+++\n\n## Bonjour\n\nUn **premier** texte.\n'
    )
    write(root / "01-bases" / "02-suite.md", '+++\ntitle = "La suite"\nduration = 5\n+++\n\nLa suite.\n')
    return root


def test_import_creates_the_course_in_order(db, package):
    [course] = import_path(package)
    lessons = list(Lesson.objects.filter(module__course=course).order_by("order"))
    assert course.title == "Mon cours" and course.status == Status.PUBLISHED and course.duration_minutes == 30
    assert [lesson.slug for lesson in lessons] == ["intro", "suite"]
    assert "<strong>premier</strong>" in lessons[0].body and "<h2>Bonjour</h2>" in lessons[0].body


def test_reimport_updates_in_place_and_keeps_learner_progress(db, package, trainee):
    import_path(package)
    lesson = Lesson.objects.get(slug="intro")
    LessonCompletion.objects.create(user=trainee, lesson=lesson)
    write(package / "01-bases" / "01-intro.md", '+++\ntitle = "Introduction revue"\n+++\n\nNouveau texte.\n')
    import_path(package)
    lesson.refresh_from_db()
    assert lesson.title == "Introduction revue"
    assert LessonCompletion.objects.filter(user=trainee, lesson=lesson).exists()
    assert Course.objects.count() == 1 and Lesson.objects.count() == 2


def test_removed_lesson_that_learners_completed_is_unpublished_not_deleted(db, package, trainee):
    import_path(package)
    LessonCompletion.objects.create(user=trainee, lesson=Lesson.objects.get(slug="suite"))
    (package / "01-bases" / "02-suite.md").unlink()
    import_path(package)
    assert Lesson.objects.get(slug="suite").status == Status.DRAFT


@pytest.mark.parametrize(
    "path, text, expected",
    [
        ("course.toml", 'title = "X"\ntrack = "numerique-de-base"\nsummary = \n', "course.toml:3: TOML invalide"),
        (
            "course.toml",
            'track = "numerique-de-base"\nsummary = "S"\n',
            "course.toml:1: la clé « title » est obligatoire",
        ),
        (
            "course.toml",
            'title = "X"\ntrack = "cuisine"\nsummary = "S"\n',
            "course.toml:2: parcours inconnu « cuisine »",
        ),
        ("01-bases/03-intro.md", '+++\ntitle = "Doublon"\n+++\nx\n', "slug « intro » déjà utilisé"),
        (
            "01-bases/04-sans-titre.md",
            "+++\nduration = 3\n+++\nx\n",
            "04-sans-titre.md:1: la clé « title » est obligatoire",
        ),
        ("01-bases/05-entete.md", "Pas d'en-tête\n", "05-entete.md:1: la leçon doit commencer"),
        ("01-bases/06-mauvais.md", '+++\ntitle = "T"\nduration = "dix"\n+++\n', "06-mauvais.md:3: « duration »"),
        ("02-Mauvais Nom/module.toml", 'title = "M"\n', "nom invalide"),
    ],
)
def test_invalid_package_reports_file_and_line_and_imports_nothing(db, package, path, text, expected):
    write(package / path, text)
    with pytest.raises(PackageError) as error:
        import_path(package)
    assert any(expected in line for line in error.value.errors), error.value.errors
    assert not Course.objects.exists() and not Lesson.objects.exists()


def test_one_invalid_course_in_a_folder_blocks_the_whole_import(db, package, tmp_path):
    write(tmp_path / "autre" / "course.toml", 'title = "Autre"\ntrack = "inconnu"\nsummary = "S"\n')
    with pytest.raises(PackageError):
        import_path(tmp_path)
    assert not Course.objects.exists()


def test_command_prints_errors_as_file_line_message(db, package, capsys):
    write(package / "course.toml", 'title = "X"\ntrack = "cuisine"\nsummary = "S"\n')
    with pytest.raises(CommandError):
        call_command("import_course", str(package))
    assert "mon-cours/course.toml:2: " in capsys.readouterr().err


def test_sanitises_html_lessons_on_import(db, package):
    write(
        package / "01-bases" / "03-html.md",
        '+++\ntitle = "HTML"\nformat = "html"\n+++\n<p onclick="x()">ok<script>alert(1)</script></p>\n',
    )
    import_path(package)
    body = Lesson.objects.get(slug="html").body
    assert "script" not in body and "onclick" not in body and "ok" in body


def snapshot(course):
    return [
        (m.slug, m.title, m.order, [(x.slug, x.title, x.body, x.status, x.duration_minutes) for x in m.lessons.all()])
        for m in course.modules.prefetch_related("lessons")
    ] + [course.title, course.summary, course.level, course.track.slug, course.duration_minutes]


def test_export_then_import_round_trips_the_demo_content(db, tmp_path):
    courses = import_path(CONTENT)
    before = {c.slug: snapshot(c) for c in courses}
    lesson = Lesson.objects.filter(module__course=courses[0]).first()
    lesson.body, lesson.source = "<p>Édité <strong>en ligne</strong></p>", ""
    lesson.save()
    before[courses[0].slug] = snapshot(courses[0])
    for course in courses:
        export_course(course, tmp_path / "export")
    Course.objects.all().delete()
    again = import_path(tmp_path / "export")
    after = {c.slug: snapshot(c) for c in again}
    assert after.keys() == before.keys()
    for slug in before:
        for old, new in zip(before[slug], after[slug], strict=False):
            assert new == old, slug


def test_export_command_writes_the_package(db, package, tmp_path):
    import_path(package)
    call_command("export_course", "mon-cours", str(tmp_path / "out"))
    text = (tmp_path / "out" / "mon-cours" / "01-bases" / "01-intro.md").read_text()
    assert text.startswith('+++\ntitle = "Introduction"') and "Un **premier** texte." in text
