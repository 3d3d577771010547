"""What an operator sees: /sante/ (health, JSON, counts only), /metrics (Prometheus), the coordinators'
page, workers seen through their beats (a real worker process), and structured log lines that name
the submission."""

import logging
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from exercises import services
from exercises.models import Submission, WorkerBeat
from tests.worker import start_worker, stop_worker, wait_for

SOLUTION = {"notes.py": "def moyenne(notes):\n    return sum(notes) / len(notes) if notes else 0\n"}


def metrics_of(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain; version=0.0.4")
    return {family.name: family for family in text_string_to_metric_families(response.content.decode())}


def sample(family, name=None, **labels):
    for s in family.samples:
        if (name is None or s.name == name) and all(s.labels.get(k) == v for k, v in labels.items()):
            return s.value
    return None


@pytest.mark.django_db
def test_health_says_what_fails_and_nothing_about_anyone(client, resident, python_exercise, monkeypatch):
    sent = []
    monkeypatch.setattr(services, "submission_enqueue", lambda pk: sent.append(pk) or True)
    services.submission_create(exercise=python_exercise, learner=resident, mode="submit", files=SOLUTION)
    response = client.get("/sante/")
    assert response.status_code == 503 and response["Cache-Control"].startswith("max-age=0")
    report = response.json()
    assert report["status"] == "degraded"
    assert {name: check["ok"] for name, check in report["checks"].items()} == {
        "database": True,
        "broker": True,
        "storage": True,
        "workers": False,  # none seen in the last minute
    }
    assert report["queue"]["queued"] == 1 and report["queue"]["by_kind"] == {"python": {"queued": 1, "running": 0}}
    assert resident.username not in response.content.decode()
    WorkerBeat.objects.create(name="grader@host", pid=1, started_at=timezone.now(), seen_at=timezone.now(), slots=16)
    assert client.get("/sante/").status_code == 200


@pytest.mark.django_db
def test_health_fails_when_the_broker_is_away(client, monkeypatch):
    from kombu import Connection

    from config.celery import app

    WorkerBeat.objects.create(name="grader@host", pid=1, started_at=timezone.now(), seen_at=timezone.now(), slots=16)
    # A broker address where nothing listens: the real client, failing for real.
    monkeypatch.setattr(app, "connection_for_write", lambda: Connection("redis://127.0.0.1:9/0", connect_timeout=1))
    response = client.get("/sante/")
    report = response.json()
    assert response.status_code == 503 and report["status"] == "degraded"
    assert report["checks"]["broker"]["ok"] is False and report["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_metrics_count_the_queue_and_the_gradings(client, resident, python_exercise, quiz_exercise, monkeypatch):
    monkeypatch.setattr(services, "submission_enqueue", lambda pk: True)
    waiting = services.submission_create(exercise=python_exercise, learner=resident, mode="submit", files=SOLUTION)
    services.submission_create(exercise=quiz_exercise, learner=resident, mode="submit", answers={})  # graded at once
    graded = Submission.objects.create(exercise=python_exercise, learner=resident, files=SOLUTION, attempt=2)
    services.submission_grade(submission_id=graded.pk, worker="w@test")
    graded.refresh_from_db()
    took = (graded.finished_at - graded.started_at).total_seconds()
    families = metrics_of(client.get("/metrics", REMOTE_ADDR="127.0.0.1"))
    assert sample(families["tremplin_submissions_waiting"], kind="python", status="queued") == 1
    assert sample(families["tremplin_submissions_graded"], kind="python", status="passed") == 1
    assert sample(families["tremplin_submissions_graded"], kind="quiz") == 1
    seconds = families["tremplin_grading_seconds"]
    assert sample(seconds, "tremplin_grading_seconds_count", kind="python") == 1
    assert sample(seconds, "tremplin_grading_seconds_sum", kind="python") == pytest.approx(took, abs=0.01)
    buckets = [s.value for s in seconds.samples if s.name.endswith("_bucket") and s.labels["kind"] == "python"]
    assert buckets == sorted(buckets) and buckets[-1] == 1  # cumulative, +Inf holds every grading
    assert sample(families["tremplin_workers_seen"]) == 0
    assert waiting.pk  # still queued: nothing grades it here


@pytest.mark.django_db
def test_metrics_are_for_the_machine_or_the_token_only(client, settings):
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 403
    # Through nginx every request comes from 127.0.0.1, with X-Forwarded-For: not local.
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403
    settings.METRICS_TOKEN = "un-jeton-long"
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3", HTTP_AUTHORIZATION="Bearer faux").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3", HTTP_AUTHORIZATION="Bearer un-jeton-long").status_code == 200


@pytest.mark.django_db
def test_the_health_page_is_for_coordinators(client, coordinator, trainer):
    client.force_login(trainer)
    assert client.get(reverse("health_page")).status_code == 403
    client.force_login(coordinator)
    response = client.get(reverse("health_page"))
    assert response.status_code == 503  # no worker seen in this test
    assert "Aucun correcteur vu depuis une minute" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_is_seen_while_it_runs_and_forgotten_when_it_stops(client, settings, monkeypatch, tmp_path):
    import fcntl
    import os

    monkeypatch.setenv("WORKER_BEAT_EVERY", "0.5")
    monkeypatch.setenv("SANDBOX_LOCK_DIR", str(tmp_path))  # this test's own slots
    held = os.open(tmp_path / "slot-3.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(held, fcntl.LOCK_EX)  # as a run holds its slot
    (tmp_path / "slot-4.lock").touch()  # used before, free now
    worker = start_worker("sonde")
    try:
        assert wait_for(lambda: WorkerBeat.objects.filter(name__startswith="sonde@").exists(), timeout=30)
        first = WorkerBeat.objects.get().seen_at
        assert wait_for(lambda: WorkerBeat.objects.get().seen_at > first, timeout=5)  # it keeps saying it
        beat = WorkerBeat.objects.get()
        assert (beat.slots, beat.slots_busy) == (settings.SANDBOX_SLOTS, 1)
        report = client.get("/sante/").json()
        assert report["checks"]["workers"] == {"ok": True, "seen": 1, "sandbox_slots": 16, "sandbox_slots_busy": 1}
        families = metrics_of(client.get("/metrics", REMOTE_ADDR="127.0.0.1"))
        assert sample(families["tremplin_sandbox_slots_busy"], worker=beat.name) == 1
    finally:
        stop_worker(worker)
        os.close(held)
    assert not WorkerBeat.objects.exists()  # a clean stop says so


@pytest.mark.django_db
def test_every_grading_log_line_names_its_submission(resident, python_exercise, caplog):
    from config.logging import SubmissionFilter

    submission = Submission.objects.create(exercise=python_exercise, learner=resident, files=SOLUTION, attempt=1)
    caplog.handler.addFilter(SubmissionFilter())  # as LOGGING's console handler does
    with caplog.at_level(logging.INFO, logger="exercises"):
        services.submission_grade(submission_id=submission.pk, worker="w@test")
    lines = [r for r in caplog.records if r.name.startswith("exercises")]
    assert [r.getMessage().split(":")[0] for r in lines] == ["Grading as w@test", "Graded"]
    assert {r.submission for r in lines} == {str(submission.pk)}
    assert re.fullmatch(r"w@test:\d+:[0-9a-f]{8}", lines[0].getMessage().removeprefix("Grading as "))
    caplog.clear()
    logging.getLogger("exercises.services").info("elsewhere")
    assert caplog.records[-1].submission == "-"
