"""Course packages from the browser: a zip sent by an author is stored, imported by a worker, and followed on its page;
« Exporter » gives back a zip that imports identically."""

import io
import shutil
import stat
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses import package_archives, services
from courses.models import Course, CourseImport, Lesson
from courses.package_archives import package_zip
from courses.packages import PackageError, import_path
from courses.tasks import import_course_package

from ..conftest import make_course

CONTENT = Path(__file__).resolve().parents[2] / "content"
COURSE = "premiers-pas-courriel"  # lessons and quizzes only: no sandbox, a fast import


@pytest.fixture
def package_folder(tmp_path, basics_track):
    folder = tmp_path / "paquet" / COURSE
    shutil.copytree(CONTENT / COURSE, folder)
    return folder


@pytest.fixture
def eager():
    from config.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def upload(data, name="cours.zip"):
    return SimpleUploadedFile(name, data, content_type="application/zip")


def zip_of(*members):
    """A zip from (name, bytes) pairs or ZipInfo objects with their bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def send(client, user, data, name="cours.zip"):
    client.force_login(user)
    return client.post(reverse("courses:course_import"), {"package": upload(data, name)})


def run(job):
    """The worker's task, called as Celery calls it."""
    import_course_package(job.pk)
    job.refresh_from_db()
    return job


def contents(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# ---------------------------------------------------------------- who may


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("resident", 403),
        ("trainee", 403),
        ("mediator", 403),
        ("trainer", 200),
        ("coordinator", 200),
    ],
)
def test_only_trainers_and_coordinators_may_import(client, persona, expected, request, package_folder):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("courses:course_import")).status_code == expected
    response = client.post(reverse("courses:course_import"), {"package": upload(package_zip(package_folder))})
    assert response.status_code == (302 if expected == 200 else 403)
    assert CourseImport.objects.count() == (1 if expected == 200 else 0)


def test_anonymous_visitors_are_sent_to_login(client, trainer):
    job = CourseImport.objects.create(requested_by=trainer, filename="cours.zip")
    for url in (reverse("courses:course_import"), job.get_absolute_url(), reverse("courses:course_export", args=["x"])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("trainer", 200),
        ("coordinator", 200),
        ("other_trainer", 404),
        ("trainee", 403),
        ("mediator", 403),
    ],
)
def test_an_import_is_seen_by_its_sender_and_coordinators(client, trainer, persona, expected, request):
    job = CourseImport.objects.create(requested_by=trainer, filename="cours.zip")
    client.force_login(request.getfixturevalue(persona))
    assert client.get(job.get_absolute_url()).status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("trainer", 200),
        ("coordinator", 200),
        ("other_trainer", 403),
        ("trainee", 403),
        ("resident", 403),
    ],
)
def test_only_who_may_author_a_course_exports_it(client, basics_course, persona, expected, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("courses:course_export", args=[basics_course.slug]))
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/zip"
        assert response["Content-Disposition"] == 'attachment; filename="courriel.zip"'
        assert "courriel/course.toml" in contents(response.content)


def test_the_workshop_and_the_course_editor_link_to_import_and_export(client, trainer, basics_course):
    client.force_login(trainer)
    assert reverse("courses:course_import") in client.get(reverse("courses:authoring")).content.decode()
    page = client.get(reverse("courses:course_edit", args=[basics_course.slug])).content.decode()
    assert reverse("courses:course_export", args=[basics_course.slug]) in page


# ---------------------------------------------------------------- stored first, then queued


def test_the_package_is_stored_before_its_task_is_queued(
    client, trainer, package_folder, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(import_course_package, "apply_async", lambda args, **kwargs: sent.append(args))
    data = package_zip(package_folder)
    with django_capture_on_commit_callbacks() as callbacks:
        response = send(client, trainer, data)
        job = CourseImport.objects.get()
        assert sent == []  # not before the row is committed
    assert bytes(job.package) == data and job.status == "queued" and job.requested_by == trainer
    for callback in callbacks:
        callback()
    assert sent == [[job.pk]]
    assert response.status_code == 302 and response.url == job.get_absolute_url()


def test_with_the_broker_down_the_import_waits_then_the_sweep_sends_it(
    client, trainer, package_folder, monkeypatch, django_capture_on_commit_callbacks, eager
):
    from kombu.exceptions import OperationalError

    def broker_down(*args, **kwargs):
        raise OperationalError("Connection refused")

    with monkeypatch.context() as patch, django_capture_on_commit_callbacks(execute=True):
        patch.setattr(import_course_package, "apply_async", broker_down)
        response = send(client, trainer, package_zip(package_folder))
    job = CourseImport.objects.get()
    assert job.status == "queued"
    page = client.get(response.url).content.decode()
    assert "En attente" in page and "Actualiser" in page
    assert services.course_imports_requeue_stale(queued_for=timedelta(0)) == 1  # the broker is back (eager here)
    job.refresh_from_db()
    assert job.status == "done" and Course.objects.filter(slug=COURSE).exists()


# ---------------------------------------------------------------- bad zips


def _symlink_zip():
    link = zipfile.ZipInfo(f"{COURSE}/01-a/notes.md")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    return zip_of((f"{COURSE}/course.toml", "title = 'x'\n"), (link, "/etc/passwd"))


@pytest.mark.parametrize(
    "data, message",
    [
        (b"Ceci n'est pas un zip", "Ce fichier n’est pas un zip lisible"),
        (
            zip_of(("../../config/settings.py", "x"), (f"{COURSE}/course.toml", "")),
            "../../config/settings.py:1 : chemin qui sort du dossier du cours",
        ),
        (zip_of(("/etc/cron.d/x", "x"), (f"{COURSE}/course.toml", "")), "/etc/cron.d/x:1 : chemin absolu refusé"),
        (_symlink_zip(), f"{COURSE}/01-a/notes.md:1 : lien symbolique refusé"),
        (zip_of((f"{COURSE}/course.toml", ""), (f"{COURSE}/bombe.txt", b"0" * (8 * 1024 * 1024))), "(bombe zip ?)"),
        (zip_of(("course.toml", "title = 'x'\n")), "course.toml est à la racine du zip"),
        (zip_of(("lisez-moi.txt", "x")), "Le zip ne contient aucun cours"),
    ],
)
def test_a_bad_zip_is_refused_with_a_french_message(client, trainer, data, message):
    response = send(client, trainer, data)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not CourseImport.objects.exists()


def test_too_many_files_or_bytes_are_refused_before_anything_is_unpacked(client, trainer, package_folder, monkeypatch):
    data = package_zip(package_folder)
    monkeypatch.setattr(package_archives, "MAX_ENTRIES", 5)
    assert "fichiers et dossiers : 5 au plus" in send(client, trainer, data).content.decode()
    monkeypatch.setattr(package_archives, "MAX_ENTRIES", 2000)
    monkeypatch.setattr(package_archives, "MAX_UNPACKED_BYTES", 10_000)
    assert "Une fois décompressé, le zip dépasserait" in send(client, trainer, data).content.decode()
    assert not CourseImport.objects.exists()


def test_the_worker_counts_the_bytes_it_really_writes(tmp_path, monkeypatch):
    """A zip's directory may lie: the limit holds on what is unpacked."""
    data = zip_of((f"{COURSE}/course.toml", "x" * 5000))
    monkeypatch.setattr(package_archives, "_problems", lambda infos: [])
    monkeypatch.setattr(package_archives, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(PackageError) as error:
        package_archives.unpack_archive(io.BytesIO(data), tmp_path)
    assert "dépasserait" in error.value.errors[0]


# ---------------------------------------------------------------- the worker, for real


def test_the_worker_imports_a_package_of_the_demo_content(client, trainer, package_folder):
    send(client, trainer, package_zip(package_folder))
    job = run(CourseImport.objects.get())
    course = Course.objects.get(slug=COURSE)
    assert job.status == "done" and job.messages == [] and job.started_at and job.finished_at
    assert list(job.courses.all()) == [course] and bytes(job.package) == b""
    assert course.authors.filter(pk=trainer.pk).exists()  # as for a course created online
    assert course.modules.count() == 2 and Lesson.objects.filter(module__course=course).count() == 7
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("courses:course_edit", args=[COURSE]) in page and 'hx-trigger="every 2s"' not in page
    run(job)  # delivered twice: imported once
    assert job.status == "done" and Course.objects.count() == 1


def test_an_error_in_the_package_is_shown_as_file_line_relative_to_the_package(client, trainer, package_folder):
    (package_folder / "01-comprendre-le-courriel" / "module.toml").write_text('title = "Comprendre"\nsummary = \n')
    quiz = package_folder / "02-lire-et-ecrire-un-message" / "05-quiz-message" / "quiz.toml"
    quiz.write_text("[[questions]\n" + quiz.read_text())
    send(client, trainer, package_zip(package_folder))
    job = run(CourseImport.objects.get())
    assert job.status == "failed" and not Course.objects.exists()
    assert (
        f"{COURSE}/01-comprendre-le-courriel/module.toml:2: TOML invalide (colonne 11) : valeur invalide"
        in job.messages[0]
    )
    assert any(
        message.startswith(f"{COURSE}/02-lire-et-ecrire-un-message/05-quiz-message/quiz.toml:1: TOML invalide")
        for message in job.messages
    ), job.messages
    assert not any("/tmp" in message or "Expected" in message for message in job.messages)
    page = client.get(job.get_absolute_url()).content.decode()
    assert f"<code>{COURSE}/01-comprendre-le-courriel/module.toml:2</code> : TOML invalide" in page
    assert "Rien n’a été importé" in page


def test_the_command_line_shows_exercise_errors_relative_too(package_folder):
    quiz = package_folder / "02-lire-et-ecrire-un-message" / "05-quiz-message" / "quiz.toml"
    quiz.write_text("[[questions]\n" + quiz.read_text())
    with pytest.raises(PackageError) as error:
        import_path(package_folder)
    assert error.value.errors[0].startswith(f"{COURSE}/02-lire-et-ecrire-un-message/05-quiz-message/quiz.toml:1: ")


def test_a_trainer_cannot_replace_a_course_they_do_not_author(
    client, trainer, other_trainer, coordinator, basics_track, package_folder
):
    theirs = make_course(basics_track, COURSE, authors=[other_trainer])
    send(client, trainer, package_zip(package_folder))
    job = run(CourseImport.objects.get())
    assert job.status == "failed"
    assert job.messages == [
        f"{COURSE}/course.toml:1: le cours « {COURSE} » existe déjà et vous n’en êtes pas auteur : "
        "demandez à l’un de ses auteurs ou à un coordinateur de l’importer"
    ]
    theirs.refresh_from_db()
    assert theirs.title == f"Cours {COURSE}"
    send(client, coordinator, package_zip(package_folder))
    job = run(CourseImport.objects.filter(requested_by=coordinator).get())
    theirs.refresh_from_db()
    assert job.status == "done" and theirs.title == "Premiers pas avec le courriel"
    assert list(theirs.authors.all()) == [other_trainer]  # updating a course does not change its authors


def test_the_sweep_takes_back_an_import_a_dead_worker_left_and_gives_up_after_three_runs(trainer, monkeypatch):
    sent = []
    monkeypatch.setattr(import_course_package, "apply_async", lambda args, **kwargs: sent.append(args))
    job = CourseImport.objects.create(
        requested_by=trainer, filename="cours.zip", package=b"PK", status="running", runs=1
    )
    CourseImport.objects.filter(pk=job.pk).update(started_at=job.created_at - timedelta(hours=1))
    assert services.course_imports_requeue_stale() == 1 and sent == [[job.pk]]
    job.refresh_from_db()
    assert job.status == "queued"
    CourseImport.objects.filter(pk=job.pk).update(status="running", runs=3)
    services.course_imports_requeue_stale()
    job.refresh_from_db()
    assert job.status == "failed" and "interrompu 3 fois" in job.messages[0] and bytes(job.package) == b""


# ---------------------------------------------------------------- the page follows the job


def test_the_progress_page_polls_every_two_seconds_until_the_import_is_over(client, trainer):
    job = CourseImport.objects.create(requested_by=trainer, filename="cours.zip", package=b"PK")
    client.force_login(trainer)
    page = client.get(job.get_absolute_url()).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert 'hx-trigger="every 2s"' in page and ">Actualiser</a>" in page
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="import-status"') and "<html" not in fragment
    CourseImport.objects.filter(pk=job.pk).update(status="failed", messages=["erreur"])
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and "erreur" in fragment


# ---------------------------------------------------------------- round trip


def test_an_exported_course_imports_back_identically(client, trainer, package_folder):
    [course] = import_path(package_folder)
    course.authors.add(trainer)
    client.force_login(trainer)
    exported = client.get(reverse("courses:course_export", args=[COURSE])).content
    before = [
        (lesson.module.slug, lesson.slug, lesson.title, lesson.body, lesson.status, lesson.order)
        for lesson in Lesson.objects.filter(module__course=course).select_related("module")
    ]
    Course.objects.all().delete()
    send(client, trainer, exported, name=f"{COURSE}.zip")
    job = run(CourseImport.objects.get())
    assert job.status == "done", job.messages
    again = Course.objects.get(slug=COURSE)
    after = [
        (lesson.module.slug, lesson.slug, lesson.title, lesson.body, lesson.status, lesson.order)
        for lesson in Lesson.objects.filter(module__course=again).select_related("module")
    ]
    assert after == before
    assert contents(services.course_package(again)) == contents(exported)
