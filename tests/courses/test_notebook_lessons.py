import base64
import json
from pathlib import Path

import nbformat
import pytest
from django.urls import reverse
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from courses.models import Course, Lesson, Status
from courses.packages import PackageError, export_course, import_path, read_course
from progress.frameworks import default_files, load_framework
from progress.models import ActivityLink

CONTENT = Path(__file__).resolve().parents[2] / "content"
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16).decode()
HOSTILE = '<p>Tableau</p><script>alert("html")</script><img src="x" onerror="alert(1)">'


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def notebook_text(*, tremplin=None, first="# Lire un tableau\n\nUn **tableau** de communes."):
    notebook = new_notebook(
        cells=[
            new_markdown_cell(first),
            new_code_cell(
                "import pandas as pd\nprint('bonjour')",
                execution_count=1,
                outputs=[
                    new_output("stream", name="stdout", text="bonjour\n"),
                    new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
                    new_output("display_data", data={"text/html": HOSTILE, "text/plain": "Tableau"}),
                ],
            ),
            new_markdown_cell("## Ensuite\n\nÀ vous."),
        ]
    )
    if tremplin is not None:
        notebook.metadata["tremplin"] = tremplin
    return nbformat.writes(notebook)


TREMPLIN = {"title": "Lire un tableau", "duration": 20, "competences": ["CRCN-1.3"], "status": "published"}


@pytest.fixture
def package(tmp_path):
    root = tmp_path / "donnees"
    write(root / "course.toml", 'title = "Données"\ntrack = "ecole-du-web"\nsummary = "Un résumé."\n')
    write(root / "01-bases" / "module.toml", 'title = "Les bases"\n')
    write(root / "01-bases" / "01-intro.md", '+++\ntitle = "Introduction"\n+++\n\nBonjour.\n')
    write(root / "01-bases" / "02-tableau.ipynb", notebook_text(tremplin=TREMPLIN))
    return root


@pytest.fixture
def crcn(db):
    return load_framework(next(path for path in default_files() if path.name == "crcn.toml"))


def test_a_notebook_lesson_takes_its_details_from_the_metadata(db, package, crcn):
    import_path(package)
    lesson = Lesson.objects.get(slug="tableau")
    assert (lesson.title, lesson.duration_minutes, lesson.status, lesson.order) == (
        "Lire un tableau",
        20,
        Status.PUBLISHED,
        2,
    )
    assert lesson.competences == ["CRCN-1.3"]
    assert list(ActivityLink.objects.filter(lesson=lesson).values_list("competence__code", flat=True)) == ["CRCN-1.3"]
    assert lesson.notebook == (package / "01-bases" / "02-tableau.ipynb").read_text(encoding="utf-8")


def test_a_notebook_lesson_is_rendered_safely(db, package):
    import_path(package)
    lesson = Lesson.objects.get(slug="tableau")
    body = lesson.body
    assert "Un <strong>tableau</strong> de communes." in body and "bonjour" in body and "pandas" in body
    # Pictures are kept apart from the body (a light page), served by their own address.
    assert 'src="#nbimg-0"' in body and "data:image" not in body
    assert lesson.notebook_images == [["image/png", PNG]]
    assert "<p>Tableau</p>" in body  # the text/html output, cleaned
    assert "<script" not in body and "onerror" not in body and "alert" not in body
    assert "<h3" in body  # "## Ensuite", one level down: the page has its own h1


def test_the_first_heading_is_not_repeated_when_it_is_the_title(db, package):
    import_path(package)
    body = Lesson.objects.get(slug="tableau").body
    assert "Lire un tableau" not in body and "Ensuite" in body


def test_without_a_title_in_the_metadata_the_first_heading_is_the_title(db, package):
    write(
        package / "01-bases" / "02-tableau.ipynb",
        notebook_text(tremplin={"duration": 5}, first="# Un titre # \n\nTexte."),
    )
    import_path(package)
    lesson = Lesson.objects.get(slug="tableau")
    assert lesson.title == "Un titre" and lesson.duration_minutes == 5 and lesson.status == Status.PUBLISHED
    assert "Un titre" not in lesson.body and "Texte." in lesson.body


def test_a_first_heading_other_than_the_title_stays(db, package):
    write(package / "01-bases" / "02-tableau.ipynb", notebook_text(tremplin={"title": "Autre"}))
    import_path(package)
    assert "Lire un tableau" in Lesson.objects.get(slug="tableau").body


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"cells": [', "02-tableau.ipynb:1: 02-tableau.ipynb n'est pas un notebook valide (JSON invalide"),
        (
            json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []}),
            "02-tableau.ipynb:1: 02-tableau.ipynb est au format de notebook 3",
        ),
        (notebook_text(first="Pas de titre ici.\n\n## Ni ici"), "02-tableau.ipynb:1: le notebook n'a pas de titre"),
        (notebook_text(tremplin={"title": "T", "duration": "dix"}), "02-tableau.ipynb:1: « duration »"),
        (notebook_text(tremplin="Titre"), "02-tableau.ipynb:1: les métadonnées « tremplin »"),
    ],
)
def test_an_invalid_notebook_lesson_is_reported_and_nothing_is_imported(db, package, text, expected):
    write(package / "01-bases" / "02-tableau.ipynb", text)
    with pytest.raises(PackageError) as error:
        import_path(package)
    assert any(expected in line for line in error.value.errors), error.value.errors
    assert all(line.startswith("donnees/01-bases/02-tableau.ipynb:1: ") for line in error.value.errors)
    assert not Course.objects.exists() and not Lesson.objects.exists()


def test_a_notebook_cannot_take_the_slug_of_a_markdown_lesson(db, package):
    write(package / "01-bases" / "03-intro.ipynb", notebook_text(tremplin=TREMPLIN))
    with pytest.raises(PackageError) as error:
        import_path(package)
    assert any("slug « intro » déjà utilisé" in line for line in error.value.errors)


@pytest.fixture
def notebook_lesson(db, package, cohort):
    [course] = import_path(package)
    course.cohorts.add(cohort)
    return Lesson.objects.get(slug="tableau")


def download_url(lesson):
    return reverse("courses:lesson_notebook", args=[lesson.module.course.slug, lesson.pk])


def test_the_lesson_page_shows_the_notebook_and_its_download_link(client, trainee, notebook_lesson):
    client.force_login(trainee)
    page = client.get(notebook_lesson.get_absolute_url()).content.decode()
    picture = reverse("courses:lesson_notebook_image", args=[notebook_lesson.module.course.slug, notebook_lesson.pk, 0])
    assert "Un <strong>tableau</strong> de communes." in page and f'src="{picture}" loading="lazy"' in page
    assert f'href="{download_url(notebook_lesson)}"' in page and "Télécharger le notebook (.ipynb)" in page
    image = client.get(picture)
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert client.get(picture.replace("/0.png", "/1.png")).status_code == 404


def test_a_markdown_lesson_has_no_download_link(client, trainee, notebook_lesson):
    client.force_login(trainee)
    markdown = Lesson.objects.get(slug="intro")
    assert "Télécharger le notebook" not in client.get(markdown.get_absolute_url()).content.decode()
    assert client.get(download_url(markdown)).status_code == 404


def test_a_learner_downloads_the_original_notebook(client, trainee, notebook_lesson):
    client.force_login(trainee)
    response = client.get(download_url(notebook_lesson))
    assert response.status_code == 200
    assert response.content.decode("utf-8") == notebook_lesson.notebook
    assert response["Content-Type"] == "application/x-ipynb+json"
    assert response["Content-Disposition"] == 'attachment; filename="tableau.ipynb"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_whoever_may_not_read_the_lesson_may_not_download_it(client, notebook_lesson, other_trainee, resident, trainee):
    url, page = download_url(notebook_lesson), notebook_lesson.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    for outsider in (other_trainee, resident):  # not in the cohort of a course without self-enrolment
        client.force_login(outsider)
        assert client.get(page).status_code == client.get(url).status_code == 403
    notebook_lesson.status = Status.DRAFT
    notebook_lesson.save()
    client.force_login(trainee)
    assert client.get(page).status_code == client.get(url).status_code == 404


def test_on_a_self_enrolment_track_a_visitor_is_invited_to_enrol_as_on_the_lesson_page(
    client, notebook_lesson, resident, basics_track
):
    course = notebook_lesson.module.course
    course.track = basics_track
    course.save()
    client.force_login(resident)
    lesson_page, download = client.get(notebook_lesson.get_absolute_url()), client.get(download_url(notebook_lesson))
    assert (
        lesson_page.status_code == download.status_code == 302
        and lesson_page.url == download.url == course.get_absolute_url()
    )


def test_the_authoring_form_edits_the_details_of_a_notebook_lesson_not_its_content(
    client, trainer, notebook_lesson, crcn
):
    course = notebook_lesson.module.course
    course.authors.add(trainer)
    client.force_login(trainer)
    url = reverse("courses:lesson_edit", args=[course.slug, notebook_lesson.module.pk, notebook_lesson.pk])
    page = client.get(url).content.decode()
    assert "Cette leçon est un notebook Jupyter" in page and 'name="body"' not in page
    before = Lesson.objects.get(pk=notebook_lesson.pk)
    response = client.post(
        url,
        {
            "title": "Lire un tableau de communes",
            "slug": "tableau",
            "duration_minutes": 25,
            "competences": "CRCN-1.3",
            "body": "<p>Écrasé</p>",
        },
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get(pk=notebook_lesson.pk)
    assert (lesson.title, lesson.duration_minutes) == ("Lire un tableau de communes", 25)
    assert (lesson.body, lesson.notebook) == (before.body, before.notebook)
    assert ActivityLink.objects.filter(lesson=lesson, competence__code="CRCN-1.3").exists()


def snapshot(course):
    return [
        (x.slug, x.title, x.body, x.notebook, x.duration_minutes, x.status, x.competences, x.order)
        for x in Lesson.objects.filter(module__course=course).order_by("order")
    ]


def test_export_writes_the_notebook_back_unchanged_and_reimport_gives_the_same_lessons(db, package, tmp_path):
    [course] = import_path(package)
    before = snapshot(course)
    folder = export_course(course, tmp_path / "export")
    exported = folder / "01-bases" / "02-tableau.ipynb"
    assert exported.read_text(encoding="utf-8") == (package / "01-bases" / "02-tableau.ipynb").read_text(
        encoding="utf-8"
    )
    Course.objects.all().delete()
    [again] = import_path(folder)
    assert snapshot(again) == before


def test_export_brings_the_metadata_up_to_date_with_the_lesson(db, package, tmp_path):
    [course] = import_path(package)
    Lesson.objects.filter(slug="tableau").update(
        title="Lire un tableau de communes", duration_minutes=None, competences=[], status=Status.DRAFT
    )
    before = snapshot(course)
    folder = export_course(course, tmp_path / "export")
    exported = json.loads((folder / "01-bases" / "02-tableau.ipynb").read_text(encoding="utf-8"))
    assert exported["metadata"]["tremplin"] == {"status": "draft", "title": "Lire un tableau de communes"}
    assert "".join(exported["cells"][0]["source"]).startswith("# Lire un tableau de communes\n")
    Course.objects.all().delete()
    [again] = import_path(folder)
    after = snapshot(again)
    assert [row[:3] + row[4:] for row in after] == [row[:3] + row[4:] for row in before]  # the body too
    assert after[1][3] == (folder / "01-bases" / "02-tableau.ipynb").read_text(encoding="utf-8")


def test_the_demo_data_course_reads_its_notebook_lessons(db, monkeypatch):
    # Exercise folders are the exercises app's business (their reference solutions run in the sandbox).
    monkeypatch.setattr("exercises.packages.solution_problem", lambda spec: None)
    course = read_course(CONTENT / "technicien-donnees")
    lessons = {lesson.slug: lesson for module in course.modules for lesson in module.lessons}
    assert set(lessons) == {"decouvrir-un-tableau", "nettoyer-regrouper-tracer"}
    for lesson in lessons.values():
        assert lesson.title and lesson.competences and lesson.notebook and "<script" not in lesson.body
    assert (
        'src="#nbimg-0"' in lessons["nettoyer-regrouper-tracer"].body
        and lessons["nettoyer-regrouper-tracer"].notebook_images
    )
    assert any(kind_of(extra) == "notebook" for module in course.modules for extra in module.extras)


def kind_of(extra):
    _handler, spec, _order = extra
    return spec.kind
