"""A full disk: pages that only read keep working; a write answers with a clear page and leaves nothing half-written.

The disk is the external boundary here: every statement that writes to the database fails as a
full disk makes it fail (SQLite: « database or disk is full »), and file storage raises ENOSPC.
"""

import errno
import os
import time

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from accounts.middleware import LAST_SEEN, SHARED_FLAG
from courses.models import Enrolment, LessonImage

from .test_access_matrix import views, world  # noqa: F401 - the fixture, and the list of every view

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
FULL = "Le serveur est plein, votre travail n’a pas été enregistré, réessayez plus tard."


def disk_full(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith(WRITES):
        raise OperationalError("database or disk is full")
    return execute(sql, params, many, context)


@pytest.fixture
def full_disk(transactional_db):
    """Call it once the browsers are signed in: from then on, every write fails."""
    wrapper = connection.execute_wrapper(disk_full)
    yield wrapper.__enter__
    wrapper.__exit__(None, None, None)


def browser(user=None, shared=False):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    if shared:
        session = client.session
        session[SHARED_FLAG] = True
        session[LAST_SEEN] = time.time()
        session.save()
    return client


@pytest.mark.parametrize("persona", ["resident", "trainee", "trainer", "mediator", "coordinator"])
def test_every_page_that_reads_still_works(world, persona, request, full_disk):  # noqa: F811
    client = browser(request.getfixturevalue(persona))
    full_disk()
    failures = []
    for name, url, method, _allowed, _login in views(world):
        if method == "get":
            status = client.get(url).status_code
            if status >= 500:
                failures.append(f"{name}: {status}")
    assert not failures


def test_anonymous_pages_and_the_login_page_still_work(client, world, full_disk):  # noqa: F811
    anonymous = browser()
    full_disk()
    for url in (
        reverse("home"),
        reverse("courses:catalogue"),
        reverse("accounts:login"),
        world["web"].get_absolute_url(),
    ):
        assert anonymous.get(url).status_code == 200, url


def test_a_shared_computer_session_keeps_reading(trainee, world, full_disk):  # noqa: F811
    client = browser(trainee, shared=True)
    full_disk()
    assert client.get(world["web_lesson"].get_absolute_url()).status_code == 200


def test_a_write_says_the_server_is_full_and_saves_nothing(trainee, basics_course, full_disk):
    client = browser(trainee)
    full_disk()
    response = client.post(reverse("courses:enrol", args=[basics_course.slug]))
    assert response.status_code == 507
    assert FULL in response.content.decode()
    assert not Enrolment.objects.filter(user=trainee, course=basics_course).exists()


def test_a_file_that_cannot_be_stored_says_so_and_leaves_nothing(trainer, settings, monkeypatch, transactional_db):
    def no_space(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:  # half a file, then the disk is full
            handle.write(b"\x89PNG")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", no_space)
    client = browser(trainer)
    from .courses.test_authoring import png_bytes

    response = client.post(reverse("courses:image_upload"), {"upload": SimpleUploadedFile("carte.png", png_bytes())})
    assert response.status_code == 507 and FULL in response.content.decode()
    assert not LessonImage.objects.exists()


def test_an_image_whose_row_cannot_be_written_leaves_no_file(trainer, settings, full_disk):
    client = browser(trainer)
    full_disk()
    from .courses.test_authoring import png_bytes

    response = client.post(reverse("courses:image_upload"), {"upload": SimpleUploadedFile("carte.png", png_bytes())})
    assert response.status_code == 507
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == []
