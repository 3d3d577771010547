"""Notifications benchmark: what the header's bell costs each page, whatever the number of notifications.

    .venv/bin/python bench/notifications.py        # throw-away SQLite database, BENCH_N=200 runs per figure
    BENCH_N=1000 .venv/bin/python bench/notifications.py

Builds a fresh database in a temporary folder (removed at the end) with one learner, then for 0, 50,
5,000 and 50,000 notifications (other people's too: 20 per learner across 1,000 more accounts at
the largest size) measures in this process (django.test.Client, force_login): the unread count's
query alone, the SQL queries of a page (the dashboard) and its server time with the bell and without
it (the context processor taken out: the header then shows no count), and the bell's fragment, which
htmx fetches at most once a minute (bytes per hour of an open tab). Aim: the bell adds one query and
under 1 ms to a page. Moodle's and Open edX's headers make the same kind of count query; there is no
separate tool to compare with. Not a test.
"""

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = Path(tempfile.mkdtemp(prefix="tremplin-bench-notifications-"))
os.environ["TREMPLIN_VAR_DIR"] = str(VAR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.pop("DATABASE_URL", None)
N = int(os.environ.get("BENCH_N", "200"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

BELL_AIM_MS = 1.0


def median_ms(fn, n=N):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def queries(fn):
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def main():
    call_command("migrate", verbosity=0)
    from accounts.models import Role, User
    from notifications.models import Notification
    from notifications.selectors import unread_count

    learner = User.objects.create(username="apprenant", role=Role.TRAINEE, first_name="Inès")
    client = Client(HTTP_HOST="localhost")
    client.force_login(learner)
    dashboard = "/comptes/tableau-de-bord/"
    client.get(dashboard)
    without_bell = [p for p in settings.TEMPLATES[0]["OPTIONS"]["context_processors"] if "notifications" not in p]
    templates = [{**settings.TEMPLATES[0], "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"]}}]
    templates[0]["OPTIONS"]["context_processors"] = without_bell
    print(f"Notifications: the header's bell, n={N} per figure, SQLite, {os.cpu_count()} cores")
    print(
        f"  {'notifications':>13} {'count query':>12} {'page SQL':>9} {'page with':>10} {'without':>9}"
        f" {'bell cost':>10} {'fragment':>9}"
    )
    made = 0
    for size in (0, 50, 5000, 50000):
        others = []
        if size == 50000:
            others = User.objects.bulk_create(User(username=f"autre{i}", role=Role.TRAINEE) for i in range(1000))
        rows = [
            Notification(recipient=learner, kind="comment", url="/", params={"title": f"Exercice {i}"})
            for i in range(made, min(size, 5000))
        ] + [
            Notification(recipient=other, kind="submitted", url="/", params={"title": "x"})
            for other in others
            for _ in range(45)
        ]
        Notification.objects.bulk_create(rows, batch_size=2000)
        made = min(size, 5000)
        count_ms = median_ms(lambda: unread_count(learner))
        page_queries = queries(lambda: client.get(dashboard))
        with_times, without_times = [], []
        for _ in range(max(N // 4, 10)):  # interleaved, so that both see the same machine
            with_times.append(median_ms(lambda: client.get(dashboard), n=1))
            with override_settings(TEMPLATES=templates):
                without_times.append(median_ms(lambda: client.get(dashboard), n=1))
        with_ms, without_ms = statistics.median(with_times), statistics.median(without_times)
        with override_settings(TEMPLATES=templates):
            without_queries = queries(lambda: client.get(dashboard))
        fragment = len(client.get("/notifications/cloche/").content)
        verdict = "ok" if count_ms < BELL_AIM_MS else "over"
        total = Notification.objects.count()
        print(
            f"  {total:>13,} {count_ms:9.3f} ms {page_queries:>5} ({page_queries - without_queries:+d})"
            f" {with_ms:7.2f} ms {without_ms:6.2f} ms {with_ms - without_ms:+7.2f} ms {fragment:>6} B"
            f"   count < {BELL_AIM_MS:g} ms: {verdict}"
        )
    fragment = len(client.get("/notifications/cloche/").content)
    print(f"  an open tab polls the bell once a minute: {60 * fragment / 1024:.1f} KB per hour (uncompressed)")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(VAR, ignore_errors=True)
