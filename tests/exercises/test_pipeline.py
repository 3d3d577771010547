from datetime import timedelta

import pytest
from django.utils import timezone

from exercises import selectors, services
from exercises.models import Submission
from exercises.tasks import grade_submission

SOLUTION = {"notes.py": "def moyenne(notes):\n    return sum(notes) / len(notes) if notes else 0\n"}
WRONG = {"notes.py": "def moyenne(notes):\n    return 0\n"}


def test_a_submission_is_stored_queued_before_grading(python_exercise, resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission = services.submission_create(
            exercise=python_exercise, learner=resident, mode="submit", files=SOLUTION
        )
    assert Submission.objects.get(pk=submission.pk).status == "queued"
    assert submission.files == SOLUTION and submission.attempt == 1
    assert len(callbacks) == 1  # the task is queued only once the row is committed


def test_grading_runs_once_even_if_the_task_runs_twice(python_exercise, resident):
    submission = Submission.objects.create(exercise=python_exercise, learner=resident, files=SOLUTION, attempt=1)
    grade_submission.apply(args=[submission.pk])
    grade_submission.apply(args=[submission.pk])
    submission.refresh_from_db()
    assert submission.status == "passed" and submission.runs == 1 and submission.final_score == 1.0
    assert submission.grader_version and submission.finished_at and submission.result["tests"]


def test_check_mode_runs_public_tests_and_costs_no_attempt(
    python_exercise, resident, eager, django_capture_on_commit_callbacks
):
    python_exercise.max_attempts = 1
    python_exercise.save()
    with django_capture_on_commit_callbacks(execute=True):
        check = services.submission_create(exercise=python_exercise, learner=resident, mode="check", files=WRONG)
    check.refresh_from_db()
    assert check.attempt == 0 and check.status == "failed" and len(check.result["tests"]) == 1
    assert selectors.attempts_left(python_exercise, resident) == 1


def test_attempt_limit_and_penalty(python_exercise, resident, eager, django_capture_on_commit_callbacks):
    python_exercise.max_attempts, python_exercise.penalty = 2, 0.25
    python_exercise.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_create(exercise=python_exercise, learner=resident, mode="submit", files=WRONG)
        second = services.submission_create(exercise=python_exercise, learner=resident, mode="submit", files=SOLUTION)
    second.refresh_from_db()
    assert second.score == 1.0 and second.final_score == 0.75
    with pytest.raises(services.SubmissionRefused):
        services.submission_create(exercise=python_exercise, learner=resident, mode="submit", files=SOLUTION)
    assert Submission.objects.filter(mode="submit").count() == 2


def test_hints_appear_after_a_failed_attempt(python_exercise, resident, eager, django_capture_on_commit_callbacks):
    assert selectors.visible_hints(python_exercise, resident) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_create(exercise=python_exercise, learner=resident, mode="submit", files=WRONG)
    assert selectors.visible_hints(python_exercise, resident) == [
        "Une liste vide a une longueur de 0 : testez-la d'abord."
    ]


def test_quiz_is_graded_in_the_request(quiz_exercise, resident):
    submission = services.submission_create(
        exercise=quiz_exercise, learner=resident, mode="submit", answers={"q0": "0"}
    )
    assert submission.status == "failed" and 0 < submission.score < 1 and submission.claimed_by.startswith("web:")


def test_broker_down_keeps_the_submission_and_the_sweep_sends_it_later(
    python_exercise, resident, eager, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from exercises.tasks import grade_submission as task

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(task, "apply_async", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            submission = services.submission_create(
                exercise=python_exercise, learner=resident, mode="submit", files=SOLUTION
            )
    submission.refresh_from_db()
    assert submission.status == "queued" and submission.files == SOLUTION
    assert services.submissions_requeue_stale() == 0  # not stale yet
    Submission.objects.filter(pk=submission.pk).update(queued_at=timezone.now() - timedelta(minutes=5))
    assert services.submissions_requeue_stale() == 1
    submission.refresh_from_db()
    assert submission.status == "passed"


def test_sweep_takes_back_a_submission_a_dead_worker_left_running(python_exercise, resident, eager):
    submission = Submission.objects.create(exercise=python_exercise, learner=resident, files=SOLUTION, attempt=1)
    assert services.submission_claim(submission.pk, "dead-worker")
    assert services.submissions_requeue_stale() == 0  # its claim was just made: alive
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Submission.objects.filter(pk=submission.pk).update(started_at=an_hour_ago, heartbeat_at=an_hour_ago)
    assert services.submissions_requeue_stale() == 1
    submission.refresh_from_db()
    assert submission.status == "passed" and submission.runs == 2 and submission.claimed_by != "dead-worker"


def test_a_late_result_from_a_replaced_worker_is_ignored(python_exercise, resident):
    submission = Submission.objects.create(exercise=python_exercise, learner=resident, files=SOLUTION, attempt=1)
    services.submission_claim(submission.pk, "slow")
    Submission.objects.filter(pk=submission.pk).update(status="queued", claimed_by="")
    services.submission_grade(submission_id=submission.pk, worker="fast")
    submission.refresh_from_db()
    assert submission.claimed_by.startswith("fast:") and submission.status == "passed"


def test_regrade_all_submissions_of_an_exercise(
    python_exercise, resident, trainee, eager, django_capture_on_commit_callbacks
):
    for learner in (resident, trainee):
        Submission.objects.create(
            exercise=python_exercise, learner=learner, files=SOLUTION, attempt=1, status="failed", score=0
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.exercise_regrade(exercise=python_exercise) == 2
    assert set(Submission.objects.values_list("status", flat=True)) == {"passed"}
