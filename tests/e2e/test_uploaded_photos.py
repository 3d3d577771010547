"""A 20 MB phone photo is downscaled in the browser before it is sent; without JavaScript the server
does it; a file that cannot be made small enough is refused before anything is sent.

The two paths are told apart by the size of the request the server received (its Content-Length):
a photo downscaled in the browser crosses the network as a few hundred KB, the server's fallback
receives the whole 20 MB."""

import re

import pytest
from django.core.signals import request_started
from PIL import Image
from playwright.sync_api import expect

from courses.models import LessonImage, Module
from progress.frameworks import default_files, load_framework
from progress.models import Evidence

from ..test_uploaded_photos import assert_upright_and_clean, photo
from .checks import assert_accessible

pytestmark = pytest.mark.e2e

MIB = 1024 * 1024


@pytest.fixture(scope="module")
def phone_photo(tmp_path_factory):
    """6000 × 4000 pixels, about 20 MB, a GPS position and an orientation in its EXIF."""
    path = tmp_path_factory.mktemp("photos") / "IMG_20240312_101500.jpg"
    path.write_bytes(photo((6000, 4000), noise=True, quality=96))
    assert path.stat().st_size > 15 * MIB
    return path


@pytest.fixture
def posts():
    """The sizes of the POST requests the live server receives, by path."""
    sizes = []

    def record(sender, environ, **kwargs):
        if environ["REQUEST_METHOD"] == "POST":
            sizes.append((environ["PATH_INFO"], int(environ.get("CONTENT_LENGTH") or 0)))

    request_started.connect(record, dispatch_uid="test-uploaded-photos")
    yield sizes
    request_started.disconnect(dispatch_uid="test-uploaded-photos")


@pytest.fixture
def learner_page(new_context, trainer, trainee, cohort):
    """The trainer's page of a trainee; the observation form of the first competence, open."""
    qualification = next(q for q in (load_framework(p) for p in default_files()) if q.code == "RNCP37674")
    qualification.cohorts.add(cohort)

    def open_form(**options):
        context = new_context(user=trainer, **options)
        page = context.new_page()
        page.goto(f"/parcours/promos/{cohort.pk}/apprenants/{trainee.pk}/")
        form = page.locator("details.decide").first
        form.locator("summary").click()
        form.get_by_label("Observation").fill("Photo du tableau")
        return page, form

    return open_form


def test_a_phone_photo_is_downscaled_in_the_browser_before_it_is_sent(learner_page, posts, trainee, phone_photo):
    page, form = learner_page()
    field = form.get_by_label(re.compile("Fichier joint"))
    field.set_input_files(str(phone_photo))
    note = form.get_by_role("status")
    expect(note).to_have_text(re.compile("Photo réduite avant l’envoi"), timeout=15_000)
    assert note.get_attribute("id") in field.get_attribute("aria-describedby").split()
    form.get_by_role("button", name="Ajouter l’observation").click()
    expect(page.get_by_text("Observation ajoutée.")).to_be_visible()
    assert len(posts) == 1 and 100_000 < posts[0][1] < 2 * MIB, posts  # not 20 MB
    stored = Evidence.objects.get(user=trainee, kind="observation").file
    assert stored.name.endswith(".jpg")
    assert_upright_and_clean(stored)
    assert page.context.errors == []


def test_a_form_sent_at_once_waits_for_the_photo_to_be_downscaled(learner_page, posts, trainee, phone_photo):
    page, form = learner_page()
    form.get_by_label(re.compile("Fichier joint")).set_input_files(str(phone_photo))
    form.get_by_role("button", name="Ajouter l’observation").click()
    expect(page.get_by_text("Observation ajoutée.")).to_be_visible(timeout=15_000)
    assert len(posts) == 1 and posts[0][1] < 2 * MIB, posts
    assert_upright_and_clean(Evidence.objects.get(user=trainee, kind="observation").file)


def test_without_javascript_the_server_downscales_the_photo(learner_page, posts, trainee, phone_photo):
    page, form = learner_page(java_script_enabled=False)
    form.get_by_label(re.compile("Fichier joint")).set_input_files(str(phone_photo))
    form.get_by_role("button", name="Ajouter l’observation").click()
    expect(page.get_by_text("Observation ajoutée.")).to_be_visible()
    assert len(posts) == 1 and posts[0][1] > phone_photo.stat().st_size, posts  # the whole photo crossed the network
    assert_upright_and_clean(Evidence.objects.get(user=trainee, kind="observation").file)


def test_a_file_that_cannot_be_made_small_enough_is_refused_before_it_is_sent(learner_page, posts, trainee, tmp_path):
    report = tmp_path / "rapport.pdf"
    report.write_bytes(b"%PDF-1.4\n" + b"0" * (6 * MIB))
    page, form = learner_page()
    field = form.get_by_label(re.compile("Fichier joint"))
    field.set_input_files(str(report))
    note = form.get_by_role("status")
    expect(note).to_have_text("Fichier trop lourd : 5,0\xa0Mio au plus. Choisissez-en un plus léger.")
    assert note.get_attribute("id") in field.get_attribute("aria-describedby").split()
    form.get_by_role("button", name="Ajouter l’observation").click()
    page.wait_for_timeout(300)
    assert posts == [] and not Evidence.objects.filter(user=trainee).exists()
    assert_accessible(page, "learner page with the message", page.url)


def test_a_photo_added_in_the_lesson_editor_is_downscaled_before_it_is_sent(
    new_context, posts, trainer, basics_course, phone_photo
):
    module = Module.objects.filter(course=basics_course).first()
    context = new_context(user=trainer)
    page = context.new_page()
    page.goto(f"/cours/atelier/{basics_course.slug}/modules/{module.pk}/lecons/nouvelle/")
    page.locator(".ck-editor__editable").wait_for()
    with page.expect_response(re.compile("/cours/atelier/image/$"), timeout=20_000) as response:
        page.locator(".ck-file-dialog-button input[type=file]").set_input_files(str(phone_photo))
    assert response.value.status == 200
    assert [path for path, _ in posts] == ["/cours/atelier/image/"] and 100_000 < posts[0][1] < 2 * MIB, (
        posts
    )  # not 20 MB
    with LessonImage.objects.get().image.open("rb") as handle, Image.open(handle) as image:
        assert max(image.size) == 2000 and image.getexif() == {}
    assert context.errors == []
