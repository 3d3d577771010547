import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from courses.models import Course, Lesson, LessonCompletion, Module, Status
from courses.sanitize import clean_html, markdown_to_html

HOSTILE = (
    '<p>Bonjour<script>alert("x")</script></p>'
    '<img src="x.png" onerror="alert(1)" alt="chat">'
    '<a href="javascript:alert(1)">clic</a><a href="JaVaScRiPt:alert(1)">clic2</a>'
    '<a href="https://www.service-public.fr" onclick="steal()">service-public</a>'
    '<iframe src="https://evil.example"></iframe><style>body{display:none}</style>'
    '<svg onload="alert(1)"></svg><form action="https://evil.example"><input name="pw"></form>'
    '<p style="background:url(javascript:alert(1))">style</p>'
)


def test_lesson_bodies_lose_scripts_event_handlers_and_javascript_urls():
    cleaned = clean_html(HOSTILE)
    lowered = cleaned.lower()
    for forbidden in (
        "<script",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "<iframe",
        "<style",
        "<svg",
        "<form",
        "style=",
    ):
        assert forbidden not in lowered, forbidden
    assert '<a href="https://www.service-public.fr" rel="noopener noreferrer">service-public</a>' in cleaned
    assert '<img src="x.png" alt="chat">' in cleaned


def test_markdown_with_raw_html_is_escaped_not_rendered():
    html = markdown_to_html("Texte <script>alert(1)</script> et [lien](javascript:alert(1))")
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "href" not in html  # markdown-it refuses to link a javascript: URL: it stays plain text


def test_a_trainer_creates_a_course_module_and_lesson_and_publishes(client, trainer, basics_track):
    client.force_login(trainer)
    client.post(
        reverse("courses:course_create"),
        {
            "title": "Sécuriser son téléphone",
            "slug": "telephone",
            "track": basics_track.pk,
            "summary": "Verrouillage, mises à jour.",
            "level": "debutant",
            "language": "fr",
            "duration_minutes": 40,
        },
    )
    course = Course.objects.get(slug="telephone")
    assert course.status == Status.DRAFT and trainer in course.authors.all()
    client.post(reverse("courses:module_create", args=["telephone"]), {"title": "Verrouiller", "slug": "verrouiller"})
    module = Module.objects.get(course=course)
    response = client.post(
        reverse("courses:lesson_create", args=["telephone", module.pk]),
        {
            "title": "Le code PIN",
            "slug": "code-pin",
            "body": HOSTILE,
            "publish": "1",
        },
    )
    lesson = Lesson.objects.get(module=module)
    assert response.status_code == 302
    assert lesson.status == Status.PUBLISHED and "<script" not in lesson.body and "Bonjour" in lesson.body
    client.post(reverse("courses:course_publish", args=["telephone"]), {"published": "1"})
    course.refresh_from_db()
    assert course.is_published


def test_editing_a_published_lesson_keeps_learner_progress(client, trainer, resident, basics_course, first_lesson):
    LessonCompletion.objects.create(user=resident, lesson=first_lesson)
    client.force_login(trainer)
    url = reverse("courses:lesson_edit", args=[basics_course.slug, first_lesson.module.pk, first_lesson.pk])
    client.post(url, {"title": "Titre revu", "slug": first_lesson.slug, "body": "<p>Nouveau</p>"})
    first_lesson.refresh_from_db()
    assert first_lesson.title == "Titre revu" and first_lesson.is_published
    assert LessonCompletion.objects.filter(user=resident, lesson=first_lesson).exists()


def test_duplicate_lesson_slug_is_refused_with_a_message(client, trainer, basics_course, first_lesson):
    client.force_login(trainer)
    url = reverse("courses:lesson_create", args=[basics_course.slug, first_lesson.module.pk])
    response = client.post(url, {"title": "Autre", "slug": first_lesson.slug, "body": ""})
    assert "utilise déjà cette adresse courte" in response.content.decode()


def test_up_and_down_buttons_reorder_lessons_with_or_without_htmx(client, trainer, basics_course):
    client.force_login(trainer)
    module = basics_course.modules.first()
    first, second, third = module.lessons.all()
    url = reverse("courses:item_move", args=[basics_course.slug, "lesson", third.pk])
    assert client.post(url, {"direction": "up"}).status_code == 302
    assert [lesson.pk for lesson in module.lessons.all()] == [first.pk, third.pk, second.pk]
    fragment = client.post(url, {"direction": "up"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="outline"' in fragment and "<html" not in fragment
    assert [lesson.pk for lesson in module.lessons.all()] == [third.pk, first.pk, second.pk]
    client.post(url, {"direction": "up"})  # already first: nothing moves
    assert [lesson.pk for lesson in module.lessons.all()] == [third.pk, first.pk, second.pk]


def test_modules_move_too(client, trainer, basics_course):
    client.force_login(trainer)
    first, second = basics_course.modules.all()
    client.post(reverse("courses:item_move", args=[basics_course.slug, "module", first.pk]), {"direction": "down"})
    assert list(basics_course.modules.all()) == [second, first]


def test_draft_lesson_preview_for_authors(client, trainer, basics_course, first_lesson):
    first_lesson.status = Status.DRAFT
    first_lesson.save()
    client.force_login(trainer)
    page = client.get(first_lesson.get_absolute_url()).content.decode()
    assert "Aperçu : cette leçon est un brouillon" in page


def png_bytes(size=(10, 10)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, "PNG")
    return buffer.getvalue()


def test_image_upload_accepts_real_images_for_authors(client, trainer):
    client.force_login(trainer)
    response = client.post(
        reverse("courses:image_upload"), {"upload": SimpleUploadedFile("carte.png", png_bytes(), "image/png")}
    )
    assert response.status_code == 200
    assert response.json()["url"].startswith("/cours/fichiers/images/")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("faux.png", b"<script>alert(1)</script>", "n'est pas accepté"),
        ("page.html", b"<html></html>", "n'est pas accepté"),
        ("script.svg", b"<svg onload='alert(1)'/>", "n'est pas accepté"),
    ],
)
def test_image_upload_refuses_non_images(client, trainer, name, content, message):
    client.force_login(trainer)
    response = client.post(reverse("courses:image_upload"), {"upload": SimpleUploadedFile(name, content)})
    assert response.status_code == 400 and message in response.json()["error"]["message"]


def test_image_upload_refuses_big_files_and_learners(client, trainer, resident, settings):
    settings.LESSON_IMAGE_MAX_BYTES = 100
    client.force_login(trainer)
    response = client.post(
        reverse("courses:image_upload"), {"upload": SimpleUploadedFile("a.png", png_bytes((200, 200)))}
    )
    assert response.status_code == 400 and "trop lourd" in response.json()["error"]["message"]
    client.force_login(resident)
    response = client.post(reverse("courses:image_upload"), {"upload": SimpleUploadedFile("a.png", png_bytes())})
    assert response.status_code == 403


def test_coordinator_adds_a_track(client, coordinator):
    client.force_login(coordinator)
    client.post(
        reverse("courses:track_create"),
        {"title": "Bureautique", "slug": "bureautique", "order": 3, "self_enrolment": "on"},
    )
    from courses.models import Track

    assert Track.objects.filter(slug="bureautique", self_enrolment=True).exists()


def test_security_headers_are_set(client, db):
    response = client.get(reverse("courses:catalogue"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
