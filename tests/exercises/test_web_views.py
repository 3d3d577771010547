"""Web exercise pages: the sandboxed preview, its Content-Security-Policy, screenshots and who sees them."""

import html

import pytest
from django.urls import reverse

from courses.models import Enrolment
from exercises import selectors
from exercises.models import Screenshot, Submission
from tests.exercises.conftest import load_exercise

PNG = b"\x89PNG\r\n\x1a\nfake"


@pytest.fixture
def card(module):
    return load_exercise(module, "carte-visite")


@pytest.fixture
def enrolled(trainee, cohort, basics_course):
    Enrolment.objects.create(user=trainee, course=basics_course)
    return trainee


def script_src(response):
    policy = response["Content-Security-Policy"]
    return next(part for part in policy.split(";") if part.strip().startswith("script-src")).split()


def test_web_exercise_page_shows_files_and_a_sandboxed_preview(client, enrolled, card):
    client.force_login(enrolled)
    response = client.get(card.get_absolute_url())
    page = response.content.decode()
    assert '<label for="id_file_0" class="filename">index.html</label>' in page
    assert '<iframe sandbox="allow-scripts" srcdoc="' in page and "allow-same-origin" not in page
    # The starter, its stylesheet inlined, escaped inside the attribute.
    assert html.escape("<style>/* Vos styles ici */") in page
    # Inline scripts are allowed on this page only (the srcdoc document inherits its policy).
    assert "'unsafe-inline'" in script_src(response)


def test_other_exercise_pages_keep_the_strict_policy(client, enrolled, python_exercise):
    client.force_login(enrolled)
    assert "'unsafe-inline'" not in script_src(client.get(python_exercise.get_absolute_url()))


def test_preview_renders_what_was_typed_and_stores_nothing(client, enrolled, card):
    client.force_login(enrolled)
    url = reverse("exercises:exercise_preview", args=[card.pk])
    typed = {
        "file_0": '<h1>Bonjour "toi"</h1><link rel="stylesheet" href="style.css"><img src="photo.png" alt="">',
        "file_1": "h1 { color: red }",
    }
    fragment = client.post(url, typed, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="preview"')
    srcdoc = html.unescape(fragment.split('srcdoc="')[1].split('"')[0])
    assert "<h1>Bonjour" in srcdoc and "<style>h1 { color: red }</style>" in srcdoc
    assert 'src="data:image/png;base64,' in srcdoc  # the exercise's asset, inlined
    # Without JavaScript: the whole page, the typed text kept in the editors.
    page = client.post(url, typed).content.decode()
    assert "<h1>" in page and html.escape('<h1>Bonjour "toi"</h1>') in page
    assert not Submission.objects.exists()


def test_preview_is_refused_to_whoever_cannot_do_the_exercise(client, other_trainee, card, python_exercise, enrolled):
    url = reverse("exercises:exercise_preview", args=[card.pk])
    assert client.post(url, {}).status_code == 302  # anonymous: to the login page
    client.force_login(other_trainee)
    assert client.post(url, {"file_0": "x"}).status_code == 403
    client.force_login(enrolled)
    assert client.get(url).status_code == 405
    assert client.post(reverse("exercises:exercise_preview", args=[python_exercise.pk]), {}).status_code == 404


@pytest.mark.parametrize(
    "persona, status",
    [
        ("trainee", 200),
        ("trainer", 200),
        ("coordinator", 200),
        ("other_trainee", 404),
        ("other_trainer", 404),
        ("resident", 404),
    ],
)
def test_screenshots_are_seen_by_the_learner_and_their_trainers_only(
    client, request, enrolled, card, persona, status, other_cohort, coordinator
):
    submission = Submission.objects.create(
        exercise=card, learner=enrolled, files=dict(card.solution), status="passed", score=1
    )
    Screenshot.objects.create(submission=submission, width=375, image=PNG)
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("exercises:screenshot", args=[submission.pk, 375]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "image/png" and response.content == PNG
        assert "sandbox" in response["Content-Security-Policy"]


def test_result_and_history_link_the_screenshots(client, enrolled, card):
    submission = Submission.objects.create(
        exercise=card,
        learner=enrolled,
        files=dict(card.solution),
        status="passed",
        score=1,
        result={"status": "passed", "score": 1.0},
    )
    for width in (375, 1280):
        Screenshot.objects.create(submission=submission, width=width, image=PNG)
    client.force_login(enrolled)
    page = client.get(card.get_absolute_url()).content.decode()
    for width in (375, 1280):
        assert reverse("exercises:screenshot", args=[submission.pk, width]) in page
    assert "La page envoyée, affichée sur 375 px de large" in page
    assert len(selectors.learner_history(card, enrolled)) == 1
