"""Celery application: grading runs in workers, never in the web process.

A worker's main process says it is alive every WORKER_BEAT_EVERY seconds (exercises.services.worker_beat),
with what its machine's sandbox slots hold: the health page (/sante/) and the metrics count the workers
seen in the last minute."""

import logging
import os
import threading

from celery import Celery
from celery.signals import worker_ready, worker_shutdown

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("tremplin")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

log = logging.getLogger(__name__)
_beating = {}


def _beat(name, stop):
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from exercises import sandbox, services

    started_at = timezone.now()
    try:
        while True:
            try:
                services.worker_beat(
                    name=name,
                    pid=os.getpid(),
                    started_at=started_at,
                    slots=settings.SANDBOX_SLOTS,
                    slots_busy=sandbox.slots_busy(),
                )
            except Exception:  # noqa: BLE001 - the database is away: say it again at the next beat
                log.warning("Worker %s could not say it is alive", name, exc_info=True)
                connection.close()
            if stop.wait(settings.WORKER_BEAT_EVERY):
                return
    finally:
        connection.close()


@worker_ready.connect
def start_beating(sender=None, **kwargs):
    name = getattr(sender, "hostname", None) or "worker"
    stop = threading.Event()
    thread = threading.Thread(target=_beat, args=(name, stop), name="tremplin-worker-beat", daemon=True)
    _beating[name] = (stop, thread)
    thread.start()


@worker_shutdown.connect
def stop_beating(sender=None, **kwargs):
    name = getattr(sender, "hostname", None) or "worker"
    stop, thread = _beating.pop(name, (None, None))
    if stop is None:
        return
    stop.set()
    thread.join(5)
    from django.db import connection

    from exercises import services

    try:
        services.worker_gone(name=name)
    except Exception:  # noqa: BLE001 - it will simply stop being seen
        log.warning("Worker %s could not say it stopped", name, exc_info=True)
    finally:
        connection.close()
