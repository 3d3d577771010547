"""The grading pipeline with real Celery worker processes on the configured broker."""

import os
import signal

import pytest

from exercises import services
from exercises.models import Submission
from tests.worker import start_worker, stop_worker, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

SOLUTION = {"notes.py": "def moyenne(notes):\n    return sum(notes) / len(notes) if notes else 0\n"}


def status_of(pk):
    return Submission.objects.get(pk=pk).status


def test_broker_down_at_submission_then_graded_by_a_worker_when_it_is_back(python_exercise, resident, monkeypatch):
    from kombu.exceptions import OperationalError

    from exercises.tasks import grade_submission

    def broker_down(*args, **kwargs):
        raise OperationalError("Connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(grade_submission, "apply_async", broker_down)
        submission = services.submission_create(
            exercise=python_exercise, learner=resident, mode="submit", files=SOLUTION
        )
    assert status_of(submission.pk) == "queued"
    worker = start_worker("back")
    try:
        services.submissions_requeue_stale(queued_for=__import__("datetime").timedelta(0))
        assert wait_for(lambda: status_of(submission.pk) == "passed"), stop_worker(worker)
    finally:
        stop_worker(worker)


def test_worker_killed_mid_grading_then_graded_again(python_exercise, resident):
    python_exercise.tests = {
        **python_exercise.tests,
        "test_lent.py": "import time\nfrom notes import moyenne\n\ndef test_lent():\n    time.sleep(4)\n    assert "
        "moyenne([2]) == 2\n",
    }
    python_exercise.time_limit = 10
    python_exercise.save()
    first = start_worker("victim")
    submission = services.submission_create(exercise=python_exercise, learner=resident, mode="submit", files=SOLUTION)
    try:
        assert wait_for(lambda: status_of(submission.pk) == "running"), "the first worker never started grading"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    finally:
        stop_worker(first)
    assert status_of(submission.pk) == "running"
    second = start_worker("rescuer")
    try:
        from datetime import timedelta

        services.submissions_requeue_stale(running_for=timedelta(0))
        assert wait_for(lambda: status_of(submission.pk) == "passed", timeout=60), stop_worker(second)
    finally:
        stop_worker(second)
    submission.refresh_from_db()
    assert submission.runs == 2 and submission.claimed_by.startswith("rescuer@")


def test_two_worker_nodes_share_a_batch_and_none_is_graded_twice(python_exercise, resident, trainee):
    workers = [start_worker("grader1"), start_worker("grader2")]
    try:
        ids = [
            services.submission_create(exercise=python_exercise, learner=learner, mode="check", files=SOLUTION).pk
            for _ in range(6)
            for learner in (resident, trainee)
        ]
        assert wait_for(
            lambda: not Submission.objects.filter(pk__in=ids, status__in=Submission.PENDING).exists(), timeout=90
        )
    finally:
        logs = [stop_worker(w) for w in workers]
    graded = Submission.objects.filter(pk__in=ids)
    assert all(s.status == "passed" and s.runs == 1 for s in graded), logs
    nodes = {s.claimed_by.split("@")[0] for s in graded}
    assert nodes == {"grader1", "grader2"}, nodes


def test_the_embedded_broker_writes_messages_atomically(settings):
    """A worker never reads a half-written message (kombu's filesystem transport creates, then writes)."""
    from config.broker import Channel
    from config.celery import app

    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        pytest.skip("the embedded broker only (this run uses another)")
    with app.connection_for_write() as connection:
        assert connection.transport.Channel is Channel
        channel = connection.channel()
        calls = []
        real_rename = os.rename

        def spy(source, target):
            calls.append((os.path.basename(source), os.path.getsize(source)))
            return real_rename(source, target)

        os.rename = spy
        try:
            channel._put("atomique", {"body": "x" * 1000})
        finally:
            os.rename = real_rename
        assert calls and calls[0][0].startswith(".partial-") and calls[0][1] > 1000
        assert channel._get("atomique")["body"] == "x" * 1000
