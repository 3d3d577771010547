"""A grading renews its claim while it runs (exercises.services.Heartbeat): the sweep never takes back a
live run, however long, takes back a silent one within GRADING_TAKE_BACK_AFTER, and stops trusting a run
that outlived its exercise's limits. Real sandbox runs and real worker processes."""

import os
import signal
import threading
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from exercises import services
from exercises.kinds import kind_of
from exercises.models import Submission
from tests.worker import start_worker, stop_worker, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

SOLUTION = {"notes.py": "def moyenne(notes):\n    return sum(notes) / len(notes) if notes else 0\n"}
SLOW_TEST = (
    "import time\nfrom notes import moyenne\n\ndef test_lent():\n    time.sleep(%s)\n    assert moyenne([2]) == 2\n"
)


@pytest.fixture
def slow_exercise(python_exercise):
    python_exercise.tests = {**python_exercise.tests, "test_lent.py": SLOW_TEST % 4}
    python_exercise.time_limit = 10
    python_exercise.save()
    return python_exercise


@pytest.fixture
def fast_beats(settings):
    settings.GRADING_HEARTBEAT_EVERY = 0.2
    settings.GRADING_TAKE_BACK_AFTER = 1
    return settings


def sweeping(stop, taken):
    """The beat's sweep, every 0.3 s, as long as the grading runs; what it took back is counted."""
    from django.db import connection

    try:
        while not stop.wait(0.3):
            taken.append(services.submissions_requeue_stale(queued_for=timedelta(hours=1)))
    finally:
        connection.close()


def test_a_grading_longer_than_the_take_back_delay_is_never_taken_back(
    slow_exercise, resident, fast_beats, monkeypatch
):
    sent = []
    monkeypatch.setattr(services, "submission_enqueue", lambda pk: sent.append(pk) or True)
    submission = Submission.objects.create(exercise=slow_exercise, learner=resident, files=SOLUTION, attempt=1)
    stop, taken = threading.Event(), []
    sweeper = threading.Thread(target=sweeping, args=(stop, taken))
    sweeper.start()
    started = time.monotonic()
    try:
        result = services.submission_grade(submission_id=submission.pk, worker="w@test", heartbeat=True)
    finally:
        stop.set()
        sweeper.join()
    assert time.monotonic() - started > 4 * fast_beats.GRADING_TAKE_BACK_AFTER  # it did outlive the delay
    assert result is not None and result.status == "passed"
    submission.refresh_from_db()
    assert (submission.status, submission.runs) == ("passed", 1)
    assert len(taken) >= 10 and sum(taken) == 0 and sent == []
    assert submission.heartbeat_at > submission.started_at + timedelta(seconds=3)  # renewed while it ran


def test_a_silent_claim_is_taken_back_and_sent_again(python_exercise, resident, fast_beats, monkeypatch):
    sent = []
    monkeypatch.setattr(services, "submission_enqueue", lambda pk: sent.append(pk) or True)
    submission = Submission.objects.create(exercise=python_exercise, learner=resident, files=SOLUTION, attempt=1)
    assert services.submission_claim(submission.pk, services.run_token("dead@host"))
    assert services.submissions_requeue_stale() == 0  # claimed a moment ago
    Submission.objects.filter(pk=submission.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=2))
    assert services.submissions_requeue_stale() == 1 and sent == [submission.pk]
    submission.refresh_from_db()
    assert (submission.status, submission.claimed_by, submission.heartbeat_at) == ("queued", "", None)


def test_a_run_past_its_exercises_limits_stops_renewing_and_its_late_result_is_refused(
    slow_exercise, resident, fast_beats, monkeypatch
):
    sent = []
    monkeypatch.setattr(services, "submission_enqueue", lambda pk: sent.append(pk) or True)
    monkeypatch.setattr(type(kind_of("python")), "grading_budget", lambda self, spec: 0.5)
    submission = Submission.objects.create(exercise=slow_exercise, learner=resident, files=SOLUTION, attempt=1)
    stop, taken = threading.Event(), []
    sweeper = threading.Thread(target=sweeping, args=(stop, taken))
    sweeper.start()
    try:
        result = services.submission_grade(submission_id=submission.pk, worker="w@test", heartbeat=True)
    finally:
        stop.set()
        sweeper.join()
    assert result is None  # its claim had been taken back: the result is not kept
    assert sum(taken) == 1 and sent == [submission.pk]
    submission.refresh_from_db()
    assert submission.status == "queued" and submission.score is None and submission.runs == 1


def test_two_runs_of_one_worker_name_are_told_apart():
    assert services.run_token("grader@host") != services.run_token("grader@host")
    assert services.run_token("grader@host").startswith(f"grader@host:{os.getpid()}:")


def test_a_real_worker_keeps_its_long_grading_and_a_killed_one_loses_it_within_the_delay(
    slow_exercise, resident, settings, monkeypatch
):
    """Worker processes beat every 0.5 s (their environment); the sweep here takes back after 2 s of silence."""
    monkeypatch.setenv("GRADING_HEARTBEAT_EVERY", "0.5")
    settings.GRADING_TAKE_BACK_AFTER = 2
    slow_exercise.tests = {**slow_exercise.tests, "test_lent.py": SLOW_TEST % 6}
    slow_exercise.save()
    first = start_worker("victim")
    submission = services.submission_create(exercise=slow_exercise, learner=resident, mode="submit", files=SOLUTION)
    try:
        assert wait_for(lambda: Submission.objects.get(pk=submission.pk).status == "running")
        time.sleep(3)  # longer than the take-back delay: the heartbeat keeps it
        assert services.submissions_requeue_stale(queued_for=timedelta(hours=1)) == 0
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    finally:
        stop_worker(first)
    killed_at = time.monotonic()
    second = start_worker("rescuer")
    try:
        assert wait_for(lambda: services.submissions_requeue_stale(queued_for=timedelta(hours=1)) == 1, timeout=10)
        assert time.monotonic() - killed_at < 2 + 1 + 2  # the delay, a beat, the polling
        assert wait_for(lambda: Submission.objects.get(pk=submission.pk).status == "passed", timeout=60)
    finally:
        stop_worker(second)
    submission.refresh_from_db()
    assert submission.runs == 2 and submission.claimed_by.startswith("rescuer@")
