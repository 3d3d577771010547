import pytest
from django.urls import reverse

from courses.models import Enrolment
from exercises.models import Submission

SOLUTION = "def moyenne(notes):\n    return sum(notes) / len(notes) if notes else 0\n"


@pytest.fixture
def enrolled(resident, basics_course):
    Enrolment.objects.create(user=resident, course=basics_course)
    return resident


def test_learner_sees_statement_editor_and_buttons(client, enrolled, python_exercise):
    client.force_login(enrolled)
    page = client.get(python_exercise.get_absolute_url()).content.decode()
    assert "moyenne(notes)" in page and '<textarea name="file_0"' in page
    assert "return sum(notes) / len(notes)" in page  # the starter
    assert 'value="check"' in page and 'value="submit"' in page
    assert "SECRET_EXPECTED" not in page and "424242" not in page


def test_submit_without_javascript_redirects_to_the_result(
    client, enrolled, python_exercise, eager, django_capture_on_commit_callbacks
):
    client.force_login(enrolled)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(python_exercise.get_absolute_url(), {"mode": "submit", "file_0": SOLUTION})
    submission = Submission.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"?soumission={submission.pk}#resultat")
    page = client.get(response.url).content.decode()
    assert "Réussi" in page and "Score : 100 %" in page and "Essai 1" in page


def test_submit_with_htmx_shows_the_pending_state_then_polls(
    client, enrolled, python_exercise, django_capture_on_commit_callbacks
):
    client.force_login(enrolled)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            python_exercise.get_absolute_url(), {"mode": "submit", "file_0": SOLUTION}, HTTP_HX_REQUEST="true"
        )
    fragment = response.content.decode()
    submission = Submission.objects.get()
    assert "<html" not in fragment and "Correction en cours" in fragment
    assert f'hx-get="{reverse("exercises:submission_detail", args=[submission.pk])}"' in fragment
    assert 'hx-trigger="every 1s"' in fragment
    poll = client.get(
        reverse("exercises:submission_detail", args=[submission.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Correction en cours" in poll


def test_pending_page_refreshes_itself_without_javascript(
    client, enrolled, python_exercise, django_capture_on_commit_callbacks
):
    client.force_login(enrolled)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(python_exercise.get_absolute_url(), {"mode": "submit", "file_0": SOLUTION})
    page = client.get(response.url).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page


def test_empty_and_oversized_code_is_refused_with_a_message_and_kept(client, enrolled, python_exercise):
    client.force_login(enrolled)
    response = client.post(python_exercise.get_absolute_url(), {"mode": "submit", "file_0": "   "})
    assert response.status_code == 400 and "Vos fichiers sont vides" in response.content.decode()
    big = "# " + "x" * (1024 * 1024)
    response = client.post(python_exercise.get_absolute_url(), {"mode": "submit", "file_0": big})
    assert "dépasse 1 Mio" in response.content.decode()
    assert not Submission.objects.exists()


def test_quiz_page_and_answers(client, enrolled, quiz_exercise):
    client.force_login(enrolled)
    page = client.get(quiz_exercise.get_absolute_url()).content.decode()
    assert "<fieldset" in page and "<legend>1. Quelle adresse" in page and 'name="q5_0"' in page
    response = client.post(
        quiz_exercise.get_absolute_url(),
        {
            "q0": "0",
            "q1": "false",
            "q2": "franceconnect",
            "q3": "12",
            "q4": ["0", "1"],
            "q5_0": "0",
            "q5_1": "1",
        },
        follow=True,
    )
    assert "Bravo, toutes vos réponses sont justes" in response.content.decode()


def test_quiz_feedback_repeats_each_question_with_the_answer_and_the_right_one(client, enrolled, quiz_exercise):
    client.force_login(enrolled)
    answers = {"q0": "1", "q1": "false", "q2": "franceconnect", "q3": "12", "q4": ["0", "1"], "q5_0": "0", "q5_1": "1"}
    page = client.post(quiz_exercise.get_absolute_url(), answers, follow=True).content.decode()
    assert "Presque ! 5 bonnes réponses sur 6" in page
    assert (
        "1. Quelle adresse est celle d&#x27;un site officiel ?" in page and "✗ À revoir" in page and "✓ Juste" in page
    )
    assert (
        "Votre réponse : www.impots-gouv.fr.com<br>La bonne réponse : www.impots.gouv.fr<br>Non : regardez la fin"
        in page
    )
    assert "✗ échoué" not in page and '<p class="quiz-feedback">' in page


def test_a_half_answered_quiz_asks_before_anything_counts(client, enrolled, quiz_exercise):
    client.force_login(enrolled)
    partial = {"q0": "0", "q1": "false", "q3": "12", "q4": ["0", "1"], "q5_0": "0", "q5_1": ""}
    page = client.post(quiz_exercise.get_absolute_url(), partial).content.decode()
    assert "Vous n’avez pas répondu à la question 3." in page and not Submission.objects.exists()
    assert 'value="0" checked' in page and 'value="false" checked' in page and 'value="12"' in page  # kept
    assert 'name="incomplete" value="1"' in page
    response = client.post(quiz_exercise.get_absolute_url(), {**partial, "incomplete": "1"}, follow=True)
    submission = Submission.objects.get()
    assert submission.score < 1 and "Vous n&#x27;avez pas répondu." in response.content.decode()


def test_attempt_limit_is_explained(client, enrolled, python_exercise, eager, django_capture_on_commit_callbacks):
    python_exercise.max_attempts = 1
    python_exercise.save()
    client.force_login(enrolled)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(python_exercise.get_absolute_url(), {"mode": "submit", "file_0": "def moyenne(n):\n    return 0\n"})
    response = client.post(python_exercise.get_absolute_url(), {"mode": "submit", "file_0": SOLUTION}, follow=True)
    assert "Vous avez utilisé tous vos essais" in response.content.decode()
    page = client.get(python_exercise.get_absolute_url()).content.decode()
    assert "0 essai restant" in page and "Une liste vide a une longueur de 0" in page  # the hint


def test_course_outline_lists_the_exercise_and_counts_it(
    client, enrolled, python_exercise, basics_course, eager, django_capture_on_commit_callbacks
):
    client.force_login(enrolled)
    page = client.get(basics_course.get_absolute_url()).content.decode()
    assert python_exercise.get_absolute_url() in page and "sur 7" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(python_exercise.get_absolute_url(), {"mode": "submit", "file_0": SOLUTION})
    page = client.get(basics_course.get_absolute_url()).content.decode()
    assert "1 activité terminée sur 7" in page and "fait (100 %)" in page


def test_access(client, python_exercise, resident, other_trainee, trainer, basics_course, db):
    url = python_exercise.get_absolute_url()
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(resident)
    assert client.get(url).status_code == 403  # not enrolled
    client.force_login(trainer)  # author of the course: preview
    assert client.get(url).status_code == 200


def test_submissions_are_private(
    client, enrolled, other_trainee, trainer, other_trainer, coordinator, python_exercise, cohort
):
    submission = Submission.objects.create(exercise=python_exercise, learner=enrolled, files={"notes.py": SOLUTION})
    url = reverse("exercises:submission_detail", args=[submission.pk])
    client.force_login(other_trainee)
    assert client.get(url).status_code == 404
    client.force_login(other_trainer)
    assert client.get(url).status_code == 404
    cohort.learners.add(enrolled)
    client.force_login(trainer)
    assert client.get(url).status_code == 200
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_htmx_result_also_updates_history_attempts_and_hints(
    client, enrolled, python_exercise, eager, django_capture_on_commit_callbacks
):
    python_exercise.max_attempts = 2
    python_exercise.save()
    client.force_login(enrolled)
    with django_capture_on_commit_callbacks(execute=True):
        fragment = client.post(
            python_exercise.get_absolute_url(),
            {"mode": "submit", "file_0": "def moyenne(n):\n    return 0\n"},
            HTTP_HX_REQUEST="true",
        ).content.decode()
    assert 'id="history" hx-swap-oob="true"' in fragment and "Essai 1" in fragment
    assert 'id="exercise-meta" hx-swap-oob="true"' in fragment and "1 essai restant" in fragment
    submission = Submission.objects.get()
    poll = client.get(
        reverse("exercises:submission_detail", args=[submission.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Pas encore réussi" in poll and 'id="hints" hx-swap-oob="true"' in poll
    assert "Une liste vide a une longueur de 0" in poll  # the hint, revealed by the failure


def test_refused_submission_with_htmx_returns_a_fragment(
    client, enrolled, python_exercise, eager, django_capture_on_commit_callbacks
):
    python_exercise.max_attempts = 1
    python_exercise.save()
    client.force_login(enrolled)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(python_exercise.get_absolute_url(), {"mode": "submit", "file_0": SOLUTION})
    fragment = client.post(
        python_exercise.get_absolute_url(), {"mode": "submit", "file_0": SOLUTION}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in fragment and "Vous avez utilisé tous vos essais" in fragment


def test_the_latest_result_is_shown_by_default(
    client, enrolled, python_exercise, eager, django_capture_on_commit_callbacks
):
    client.force_login(enrolled)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(python_exercise.get_absolute_url(), {"mode": "submit", "file_0": SOLUTION})
    assert "Score : 100 %" in client.get(python_exercise.get_absolute_url()).content.decode()


def test_previous_and_next_follow_the_course_outline_across_modules(client, enrolled, basics_course):
    """The exercise page looked up the *lesson* with the exercise's number: an exercise of module 2
    offered a lesson of module 1 as « Suivante ». One outline of lessons and exercises drives both."""
    from courses.models import Module

    from .conftest import load_exercise

    second = Module.objects.get(course=basics_course, order=2)
    exercise = load_exercise(second, "moyenne", order=1)  # before « Leçon 2.1 » (lessons come after at equal order)
    client.force_login(enrolled)
    page = client.get(exercise.get_absolute_url()).content.decode()
    assert "← Précédente : Leçon 1.3" in page and "Suivante : Leçon 2.1 →" in page
    lesson = second.lessons.get(order=1)
    lesson_page = client.get(f"{basics_course.get_absolute_url()}lecons/{lesson.pk}/").content.decode()
    assert f"Précédente : {exercise.title}" in lesson_page


def test_a_double_click_on_submit_counts_once_with_or_without_javascript(
    client, enrolled, python_exercise, django_capture_on_commit_callbacks
):
    """The same form sent twice (a double click, a page sent again) is one submission, one attempt."""
    import re

    python_exercise.max_attempts = 1
    python_exercise.save()
    client.force_login(enrolled)
    page = client.get(python_exercise.get_absolute_url()).content.decode()
    key = re.search(r'name="submission_key" id="submission-key" value="([0-9a-f]{32})"', page).group(1)
    data = {"mode": "submit", "file_0": SOLUTION, "submission_key": key}
    with django_capture_on_commit_callbacks(execute=False):
        first = client.post(python_exercise.get_absolute_url(), data)
        second = client.post(python_exercise.get_absolute_url(), data)  # the last attempt is not taken twice
    submission = Submission.objects.get()
    assert (
        submission.attempt == 1
        and first.url == second.url
        and first.url.endswith(f"?soumission={submission.pk}#resultat")
    )
    # With htmx, the answer gives the form a new key: the learner's next click is a new submission.
    python_exercise.max_attempts = None
    python_exercise.save()
    with django_capture_on_commit_callbacks(execute=False):
        again = client.post(python_exercise.get_absolute_url(), data, HTTP_HX_REQUEST="true").content.decode()
        assert Submission.objects.count() == 1 and "Correction en cours" in again
        fresh = re.search(
            r'name="submission_key" id="submission-key" value="([0-9a-f]{32})" hx-swap-oob="true"', again
        ).group(1)
        assert fresh != key
        client.post(python_exercise.get_absolute_url(), {**data, "submission_key": fresh}, HTTP_HX_REQUEST="true")
        client.post(
            python_exercise.get_absolute_url(), {**data, "submission_key": "not-a-key"}
        )  # no valid key: a new one
    assert sorted(Submission.objects.values_list("attempt", flat=True)) == [1, 2, 3]
