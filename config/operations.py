"""What an operator needs to know, from any web machine: /sante/ (health, JSON, for a load balancer or a
probe: no personal data, no names), /metrics (Prometheus text format: queue, gradings, workers, sandbox
slots), and « Santé de la plateforme » for coordinators (the same at a glance)."""

import hmac
import time
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily

from accounts.decorators import coordinator_required
from exercises import selectors as exercises_selectors

WORKERS_WITHIN = 60  # seconds: a worker not heard from for longer is not counted


def _timed(check):
    start = time.perf_counter()
    try:
        detail = check() or {}
        ok = True
    except Exception as error:  # noqa: BLE001 - the answer is the check's failure
        detail, ok = {"error": type(error).__name__}, False
    return {"ok": ok, "ms": round((time.perf_counter() - start) * 1000, 1), **detail}


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _broker():
    from config.celery import app

    with app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)


def _storage():
    name = default_storage.save(f"sante/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as handle:
            assert handle.read() == b"ok"
    finally:
        default_storage.delete(name)


def health_report():
    workers = exercises_selectors.workers_seen(WORKERS_WITHIN)
    waiting = exercises_selectors.submissions_waiting()
    checks = {
        "database": _timed(_database),
        "broker": _timed(_broker),
        "storage": _timed(_storage),
        "workers": {
            "ok": bool(workers),
            "seen": len(workers),
            "sandbox_slots": sum(w.slots for w in workers),
            "sandbox_slots_busy": sum(w.slots_busy for w in workers),
        },
    }
    return {
        "status": "ok" if all(check["ok"] for check in checks.values()) else "degraded",
        "time": timezone.now().isoformat(),
        "checks": checks,
        "queue": {
            "queued": sum(n["queued"] for n in waiting.values()),
            "running": sum(n["running"] for n in waiting.values()),
            "oldest_queued_seconds": round(exercises_selectors.oldest_queued_seconds(), 1),
            "by_kind": waiting,
        },
    }, workers


@never_cache
def health(request):
    """200 when the database, the broker and the storage answer and a worker was seen in the last minute;
    503 otherwise, with what failed. Counts only: nothing about anyone."""
    report, _workers = health_report()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


@coordinator_required
def health_page(request):
    report, workers = health_report()
    now = timezone.now()
    return render(
        request,
        "operations.html",
        {
            "report": report,
            "workers": [(w, round((now - w.seen_at).total_seconds())) for w in workers],
            "totals": sorted(exercises_selectors.grading_totals().items()),
        },
        status=200 if report["status"] == "ok" else 503,
    )


def _may_scrape(request):
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    # Through nginx every request comes from 127.0.0.1: one that was forwarded is not local.
    forwarded = "X-Forwarded-For" in request.headers or "X-Real-Ip" in request.headers
    return not forwarded and request.META.get("REMOTE_ADDR") in settings.METRICS_ALLOWED_IPS


class _Collector:
    def collect(self):
        workers = exercises_selectors.workers_seen(WORKERS_WITHIN)
        yield GaugeMetricFamily("tremplin_workers_seen", "Grading workers seen in the last minute", value=len(workers))
        slots = GaugeMetricFamily("tremplin_sandbox_slots", "Sandbox slots of each worker's machine", labels=["worker"])
        busy = GaugeMetricFamily(
            "tremplin_sandbox_slots_busy", "Sandbox slots running learners' code", labels=["worker"]
        )
        for worker in workers:
            slots.add_metric([worker.name], worker.slots)
            busy.add_metric([worker.name], worker.slots_busy)
        yield slots
        yield busy
        waiting = GaugeMetricFamily(
            "tremplin_submissions_waiting", "Submissions not graded yet, by kind and status", labels=["kind", "status"]
        )
        for kind, counts in sorted(exercises_selectors.submissions_waiting().items()):
            for status, n in sorted(counts.items()):
                waiting.add_metric([kind, status], n)
        yield waiting
        yield GaugeMetricFamily(
            "tremplin_submission_oldest_queued_seconds",
            "How long the oldest queued submission has waited",
            value=exercises_selectors.oldest_queued_seconds(),
        )
        graded = CounterMetricFamily(
            "tremplin_submissions_graded", "Submissions graded, by kind and result", labels=["kind", "status"]
        )
        histograms = {}
        for (kind, status), total in sorted(exercises_selectors.grading_totals().items()):
            graded.add_metric([kind, status], total["count"])
            merged = histograms.setdefault(kind, {"count": 0, "seconds": 0.0, "buckets": None})
            merged["count"] += total["count"]
            merged["seconds"] += total["seconds"]
            merged["buckets"] = [
                a + b for a, b in zip(merged["buckets"] or [0] * len(total["buckets"]), total["buckets"], strict=True)
            ]
        yield graded
        seconds = HistogramMetricFamily(
            "tremplin_grading_seconds",
            "Time a grading took in the worker (claimed to result), by kind",
            labels=["kind"],
        )
        bounds = [str(bound) for bound in exercises_selectors.GRADING_SECONDS_BUCKETS]
        for kind, merged in sorted(histograms.items()):
            buckets = [*zip(bounds, merged["buckets"], strict=True), ("+Inf", merged["count"])]
            seconds.add_metric([kind], buckets, merged["seconds"])
        yield seconds


@never_cache
def metrics(request):
    """Prometheus metrics, computed from the database at each scrape (so every web machine says the same)."""
    if not _may_scrape(request):
        return HttpResponse(status=403)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Collector())
    return HttpResponse(generate_latest(registry), content_type="text/plain; version=0.0.4; charset=utf-8")
