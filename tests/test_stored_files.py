"""Stored files are served only by views that check access, never from a public folder."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts import services as accounts_services
from courses import services as courses_services
from courses.models import Enrolment, Lesson
from progress import services as progress_services
from progress.models import Competence


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def competence(cohort):
    from progress.frameworks import default_files, load_framework

    qualification = next(q for q in (load_framework(path) for path in default_files()) if q.code == "RNCP37674")
    qualification.cohorts.add(cohort)
    return Competence.objects.filter(block__qualification=qualification).first()


@pytest.fixture
def observation(trainee, trainer, cohort, competence):
    return progress_services.observation_add(
        user=trainee,
        competence=competence,
        by=trainer,
        note="Bonne séance",
        file=ContentFile(b"compte rendu", name="compte-rendu.txt"),
    )


@pytest.fixture
def lesson_image(client, trainer, basics_course):
    client.force_login(trainer)
    url = client.post(reverse("courses:image_upload"), {"upload": SimpleUploadedFile("carte.png", png())}).json()["url"]
    lesson = Lesson.objects.filter(module__course=basics_course).first()
    courses_services.lesson_save(lesson=lesson, body=f'<p>Voici la carte</p><img src="{url}" alt="carte">')
    client.logout()
    return url, lesson


def test_nothing_under_the_media_folder_has_a_public_url(client, observation, lesson_image, coordinator):
    names = [observation.file.name, lesson_image[1].images.get().image.name]
    for logged_in in (None, coordinator):
        if logged_in:
            client.force_login(logged_in)
        for name in names:
            assert client.get(f"/media/{name}").status_code == 404


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("trainee", 200),
        ("trainer", 200),
        ("coordinator", 200),
        ("other_trainee", 404),
        ("other_trainer", 404),
        ("mediator", 404),
        ("resident", 404),
    ],
)
def test_an_observation_file_follows_the_learners_work_rule(
    client, observation, other_cohort, persona, expected, request
):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("progress:evidence_file", args=[observation.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content) == b"compte rendu"


def test_anonymous_visitors_get_no_stored_file(client, observation, lesson_image):
    for url in (reverse("progress:evidence_file", args=[observation.pk]), lesson_image[0]):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_a_lesson_image_follows_the_lesson(client, lesson_image, trainee, resident, other_trainer, basics_course):
    url, lesson = lesson_image
    client.force_login(resident)
    assert client.get(url).status_code == 404  # not enrolled
    Enrolment.objects.create(user=resident, course=basics_course)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    client.force_login(other_trainer)
    assert client.get(url).status_code == 404
    lesson.status = "draft"
    lesson.save()
    client.force_login(resident)
    assert client.get(url).status_code == 404


def test_every_stored_file_is_sent_so_that_no_script_can_run(client, observation, trainee):
    client.force_login(trainee)
    response = client.get(reverse("progress:evidence_file", args=[observation.pk]))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["Content-Disposition"].startswith("attachment")


def test_production_hands_the_bytes_to_nginx(client, observation, trainee, settings):
    settings.STORED_FILES_ACCEL_REDIRECT = "/fichiers-proteges/"
    client.force_login(trainee)
    response = client.get(reverse("progress:evidence_file", args=[observation.pk]))
    assert response["X-Accel-Redirect"] == f"/fichiers-proteges/{observation.file.name}"
    assert response.content == b""


@pytest.mark.parametrize(
    "name, content",
    [
        ("page.html", b"<!doctype html><script>alert(1)</script>"),
        ("tremplin.js", b"fetch('/comptes/mes-donnees/telecharger/')"),
        ("dessin.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        ("notes.txt", b"<html><script>alert(1)</script></html>"),
        ("photo.png", b"<script>alert(1)</script>"),
        ("binaire.txt", b"\x00\x01\x02"),
        ("cv.docx", b"PK\x03\x04"),
    ],
)
def test_an_observation_refuses_what_a_browser_would_run(client, trainer, trainee, cohort, competence, name, content):
    client.force_login(trainer)
    url = reverse("progress:competence_decide", args=[cohort.pk, trainee.pk, competence.pk])
    response = client.post(url, {"action": "observe", "note": "n", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert "Ce type de fichier n&#x27;est pas accepté" in response.content.decode()
    assert not trainee.evidence.filter(kind="observation").exists()


@pytest.mark.parametrize(
    "name, content",
    [
        ("photo.png", png()),
        ("rapport.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n"),
        ("notes.txt", "Très bien.\n".encode()),
        ("analyse.ipynb", b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'),
    ],
)
def test_an_observation_accepts_images_pdf_text_and_notebooks(
    client, trainer, trainee, cohort, competence, name, content
):
    client.force_login(trainer)
    url = reverse("progress:competence_decide", args=[cohort.pk, trainee.pk, competence.pk])
    response = client.post(url, {"action": "observe", "note": "n", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302
    assert trainee.evidence.get(kind="observation").file.name.endswith(name.rsplit(".", 1)[1])


def test_the_observation_form_announces_its_limit_to_the_browser(client, trainer, trainee, cohort, competence):
    client.force_login(trainer)
    page = client.get(reverse("progress:learner_detail", args=[cohort.pk, trainee.pk])).content.decode()
    assert f'data-max-bytes="{5 * 1024 * 1024}"' in page and "data-too-big=" in page


def test_deleting_a_person_deletes_their_files(
    client, observation, trainee, coordinator, settings, django_capture_on_commit_callbacks
):
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    request = accounts_services.deletion_request_create(user=trainee)
    with django_capture_on_commit_callbacks(execute=True):
        accounts_services.deletion_request_process(request=request, by=coordinator, accept=True)
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == []


def test_old_lesson_bodies_point_to_the_new_image_urls(trainer, basics_course):
    from importlib import import_module

    from django.apps import apps

    from courses.models import LessonImage

    image = LessonImage.objects.create(image=ContentFile(png(), name="ancienne.png"), uploaded_by=trainer)
    lesson = Lesson.objects.filter(module__course=basics_course).first()
    Lesson.objects.filter(pk=lesson.pk).update(body=f'<img src="/media/{image.image.name}" alt="">')
    import_module("courses.migrations.0006_lesson_images_private").link_images(apps, None)
    lesson.refresh_from_db()
    assert lesson.body == f'<img src="/cours/fichiers/images/{image.pk}/" alt="">'
    assert list(image.lessons.all()) == [lesson]
