"""A trainer's review (exercises.views review_*): the list's filters, the override and what it changes,
points for a notebook's written answers, and line comments with their validation. No sandbox: the
results a worker would have stored are written directly."""

import pytest
from django.urls import reverse

from accounts.models import Role
from exercises import selectors, services
from exercises.models import Submission, SubmissionComment
from exercises.results import Result, Status
from exercises.results import TestResult as Outcome  # not collected by pytest
from tests.conftest import make_user

from .conftest import load_exercise

CODE = {"notes.py": "def moyenne(notes):\n    return 0\n", "lisezmoi.md": "une ligne\n"}


@pytest.fixture
def course_of_cohort(python_exercise, cohort):
    python_exercise.module.course.cohorts.add(cohort)
    return python_exercise.module.course


@pytest.fixture
def classmate(cohort, school):
    learner = make_user("noor", Role.TRAINEE, school, first_name="Noor")
    cohort.learners.add(learner)
    return learner


def make(exercise, learner, **fields):
    values = {"files": CODE, "attempt": 1, "status": "failed", "score": 0.5, "final_score": 0.5, **fields}
    return Submission.objects.create(exercise=exercise, learner=learner, **values)


def listing(client, **params):
    return client.get(reverse("exercises:review_list"), params).content.decode()


# ---------------------------------------------------------------- the list and its filters


def test_the_list_filters_by_learner(client, trainer, trainee, classmate, python_exercise, course_of_cohort):
    make(python_exercise, trainee)
    make(python_exercise, classmate)
    client.force_login(trainer)
    assert "2 soumissions" in listing(client)
    page = listing(client, learner=classmate.pk)
    assert "1 soumission<" in page and "<td>Noor</td>" in page and "<td>Yanis</td>" not in page


def test_the_list_filters_the_written_answers_waiting_for_points(
    client, trainer, trainee, python_exercise, course_of_cohort
):
    make(python_exercise, trainee, needs_review=True, status="failed")
    make(python_exercise, trainee, status="failed")
    client.force_login(trainer)
    page = listing(client, status="review")
    assert "1 soumission<" in page and page.count("à noter</span>") == 1
    assert "2 soumissions" in listing(client, status="failed")


def test_an_unknown_filter_is_ignored_rather_than_an_error(client, trainer, trainee, python_exercise, course_of_cohort):
    make(python_exercise, trainee)
    client.force_login(trainer)
    response = client.get(reverse("exercises:review_list"), {"status": "nimporte", "exercise": "999999"})
    assert response.status_code == 200 and "1 soumission<" in response.content.decode()


def test_learners_may_not_open_the_review_list(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse("exercises:review_list")).status_code == 403


# ---------------------------------------------------------------- override


def override(client, submission, **data):
    return client.post(reverse("exercises:review_override", args=[submission.pk]), data)


def test_an_override_of_zero_is_the_score_that_counts(client, trainer, trainee, python_exercise, course_of_cohort):
    """0 % is a trainer's real decision, not « no override »: the automatic 50 % must not come back."""
    submission = make(python_exercise, trainee)
    client.force_login(trainer)
    assert override(client, submission, score=0, comment="Copié sur le voisin.").status_code == 302
    submission.refresh_from_db()
    assert submission.override_score == 0.0 and submission.effective_score == 0.0 and submission.score == 0.5
    best = selectors.best_submission(exercise_id=python_exercise.pk, learner_id=trainee.pk)
    assert best.score == 0.0


def test_an_override_records_who_and_when(client, trainer, trainee, python_exercise, course_of_cohort):
    submission = make(python_exercise, trainee)
    client.force_login(trainer)
    override(client, submission, score=70, comment="Bien.")
    submission.refresh_from_db()
    assert submission.overridden_by == trainer and submission.overridden_at is not None
    assert submission.override_comment == "Bien."
    page = client.get(reverse("exercises:submission_detail", args=[submission.pk])).content.decode()
    assert "Note du formateur : 70 % (Claire)" in page and "note automatique : 50 %" in page


def test_an_override_counts_toward_the_course(client, trainer, trainee, python_exercise, course_of_cohort):
    submission = make(python_exercise, trainee, score=0.2, final_score=0.2)
    client.force_login(trainer)
    override(client, submission, score=90, comment="Démarche juste.")
    [score] = [
        s
        for s in selectors.counted_scores(course_id=course_of_cohort.pk, learner_id=trainee.pk)
        if s.exercise_id == python_exercise.pk
    ]
    assert score.score == 0.9


@pytest.mark.parametrize(
    "data, message",
    [
        ({"score": 101, "comment": "Trop."}, "inférieure ou égale à 100"),
        ({"score": -1, "comment": "Pas assez."}, "supérieure ou égale à 0"),
        ({"score": 80}, "Ce champ est obligatoire"),
        ({"score": "quatre-vingts", "comment": "x"}, "Saisissez un nombre entier"),
        ({"score": 80, "comment": "x" * 4001}, "au plus 4000 caractères"),
    ],
)
def test_an_invalid_override_is_refused_with_a_message_and_not_stored(
    client, trainer, trainee, python_exercise, course_of_cohort, data, message
):
    submission = make(python_exercise, trainee)
    client.force_login(trainer)
    response = override(client, submission, **data)
    assert response.status_code == 400 and message in response.content.decode()
    submission.refresh_from_db()
    assert submission.override_score is None and submission.overridden_by is None


# ---------------------------------------------------------------- points for written answers


@pytest.fixture
def notebook_exercise(module, cohort):
    module.course.cohorts.add(cohort)
    return load_exercise(module, "notebook-villes")


def written(notebook_exercise, learner, *, attempt=1):
    """A graded notebook: 2 automatic points earned, two written answers (1 and 2 points) to grade."""
    result = Result(
        status=Status.FAILED,
        score=0.4,
        pending=2,
        tests=[
            Outcome("Calcul", Status.PASSED, points=2, earned=2, key="calcul"),
            Outcome("Explication", Status.PENDING, points=1, earned=0, key="explication", manual=True),
            Outcome("Analyse", Status.PENDING, points=2, earned=0, key="analyse", manual=True),
        ],
    )
    return make(
        notebook_exercise,
        learner,
        files={},
        attempt=attempt,
        score=0.4,
        final_score=0.4,
        needs_review=True,
        result=result.to_storage(),
    )


def test_points_for_one_written_answer_leave_the_score_provisional(notebook_exercise, trainee, trainer):
    submission = written(notebook_exercise, trainee)
    result = services.submission_grade_manual(submission=submission, by=trainer, points={"explication": 1})
    assert result.pending == 1 and result.score == 0.6
    submission.refresh_from_db()
    assert submission.needs_review and submission.score == 0.6 and submission.status == "failed"


def test_points_for_every_written_answer_make_the_score_final(notebook_exercise, trainee, trainer):
    submission = written(notebook_exercise, trainee)
    services.submission_grade_manual(submission=submission, by=trainer, points={"explication": 1, "analyse": 2})
    submission.refresh_from_db()
    assert not submission.needs_review and submission.status == "passed" and submission.score == 1.0
    assert submission.result["message"] == "5 / 5 points, réponses rédigées notées par votre formateur."
    analyse = next(t for t in submission.result["tests"] if t["key"] == "analyse")
    assert analyse["message"] == "Noté par votre formateur : 2 / 2." and analyse["status"] == "passed"


def test_points_are_kept_within_each_answers_scale(notebook_exercise, trainee, trainer):
    submission = written(notebook_exercise, trainee)
    result = services.submission_grade_manual(
        submission=submission, by=trainer, points={"explication": 7, "analyse": -3}
    )
    earned = {t.key: t.earned for t in result.tests}
    assert earned == {"calcul": 2, "explication": 1.0, "analyse": 0.0} and result.score == 0.6


def test_points_for_an_automatic_test_are_ignored(notebook_exercise, trainee, trainer):
    submission = written(notebook_exercise, trainee)
    result = services.submission_grade_manual(
        submission=submission, by=trainer, points={"calcul": 0, "explication": 1, "analyse": 2}
    )
    assert next(t for t in result.tests if t.key == "calcul").earned == 2 and result.score == 1.0


def test_the_final_score_of_written_answers_keeps_the_attempt_penalty(notebook_exercise, trainee, trainer):
    notebook_exercise.penalty = 0.5
    notebook_exercise.save()
    submission = written(notebook_exercise, trainee, attempt=2)
    services.submission_grade_manual(submission=submission, by=trainer, points={"explication": 1, "analyse": 2})
    submission.refresh_from_db()
    assert submission.score == 1.0 and submission.final_score == 0.5


def test_a_submission_without_written_answers_has_no_manual_grading(
    client, trainer, trainee, python_exercise, course_of_cohort
):
    submission = make(python_exercise, trainee)
    client.force_login(trainer)
    assert client.post(reverse("exercises:review_manual", args=[submission.pk]), {}).status_code == 404


# ---------------------------------------------------------------- line comments


def comment(client, submission, **data):
    return client.post(reverse("exercises:review_comment", args=[submission.pk]), data)


def test_a_comment_on_a_line_of_the_second_file_is_stored_with_its_author(
    client, trainer, trainee, python_exercise, course_of_cohort
):
    submission = make(python_exercise, trainee)
    client.force_login(trainer)
    response = comment(client, submission, filename="lisezmoi.md", line=1, text="Titre ?")
    assert response.status_code == 302
    stored = SubmissionComment.objects.get()
    assert (stored.submission, stored.author, stored.filename, stored.line, stored.text) == (
        submission,
        trainer,
        "lisezmoi.md",
        1,
        "Titre ?",
    )


@pytest.mark.parametrize(
    "data, message",
    [
        ({"filename": "autre.py", "line": 1, "text": "x"}, "Sélectionnez un choix valide"),
        ({"filename": "notes.py", "line": 0, "text": "x"}, "supérieure ou égale à 1"),
        ({"filename": "notes.py", "line": 3, "text": "x"}, "Ce fichier n&#x27;a pas autant de lignes."),
        ({"filename": "notes.py", "line": 1, "text": ""}, "Ce champ est obligatoire"),
        ({"filename": "notes.py", "line": 1, "text": "x" * 4001}, "au plus 4000 caractères"),
    ],
)
def test_an_invalid_line_comment_is_refused_with_a_message(
    client, trainer, trainee, python_exercise, course_of_cohort, data, message
):
    submission = make(python_exercise, trainee)
    client.force_login(trainer)
    response = comment(client, submission, **data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not SubmissionComment.objects.exists()


def test_comments_are_read_by_file_then_line(trainer, trainee, python_exercise):
    submission = make(python_exercise, trainee)
    for filename, line in (("notes.py", 2), ("lisezmoi.md", 1), ("notes.py", 1)):
        services.submission_comment_add(submission=submission, by=trainer, filename=filename, line=line, text="x")
    assert [(c.filename, c.line) for c in submission.comments.all()] == [
        ("lisezmoi.md", 1),
        ("notes.py", 1),
        ("notes.py", 2),
    ]
