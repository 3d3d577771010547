"""Attendance benchmark: a promo's month of sessions, its sheets and a sign-in, at a promo's real size.

    .venv/bin/python bench/attendance.py        # throw-away SQLite database, BENCH_N=30 runs per figure
    BENCH_N=100 BENCH_LEARNERS=60 .venv/bin/python bench/attendance.py

Builds a fresh database in a temporary folder (removed at the end) with a promo of BENCH_LEARNERS learners
(30 by default; an École du web promo has 12 to 24) and every weekday morning and afternoon of a month
(about 44 sessions, every list complete and signed), then measures in this process (django.test.Client,
force_login): the group's month page, a session page (its code and QR shown, the list of 30), a learner's
month page, the group's and a learner's PDF and CSV (server time, SQL queries, bytes), and a learner's
sign-in with the code (the POST and its redirect). Aims: a page under 100 ms, a PDF under 1 s, SQL queries
that do not grow with the number of learners or sessions (compare BENCH_LEARNERS=30 and 60). Moodle's
Attendance plugin (mod_attendance) is the tool users know; it needs PHP and a Moodle site, which this
machine cannot install from the package registries alone: there is no side-by-side figure. Not a test.
"""

import datetime
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = Path(tempfile.mkdtemp(prefix="tremplin-bench-attendance-"))
os.environ["TREMPLIN_VAR_DIR"] = str(VAR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.pop("DATABASE_URL", None)
N = int(os.environ.get("BENCH_N", "30"))
LEARNERS = int(os.environ.get("BENCH_LEARNERS", "30"))

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGE_AIM_MS, PDF_AIM_MS = 100, 1000


def measure(fn, n=N):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = fn()
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        response = fn()
    return statistics.median(times), len(captured), len(response.content), response.status_code


def main():
    call_command("migrate", verbosity=0)
    from accounts.models import Cohort, Role, Site, User
    from attendance import services
    from attendance.models import Presence, Session

    site = Site.objects.create(name="École du web", kind=Site.Kind.WEB_SCHOOL)
    trainer = User.objects.create(username="formatrice", role=Role.TRAINER, first_name="Claire")
    promo = Cohort.objects.create(name="Promo", site=site)
    promo.trainers.add(trainer)
    learners = User.objects.bulk_create(
        User(username=f"apprenant{i}", role=Role.TRAINEE, first_name=f"Apprenant {i}") for i in range(LEARNERS)
    )
    promo.learners.add(*learners)
    month = datetime.date(2026, 11, 1)
    for half_day, (begins, ends) in services.DEFAULT_TIMES.items():
        services.session_create(
            cohort=promo,
            by=trainer,
            date=month,
            half_day=half_day,
            starts_at=begins,
            ends_at=ends,
            trainer=trainer,
            repeat_until=datetime.date(2026, 11, 30),
        )
    sessions = list(Session.objects.filter(cohort=promo))
    Presence.objects.bulk_create(
        Presence(session=s, learner=learner, status="present", minutes=s.minutes, method="code")
        for s in sessions
        for learner in learners
    )
    for session in sessions:
        services.session_sign(session=session, by=trainer, learners=learners)
    today = Session.objects.create(
        cohort=promo,
        date=datetime.date(2026, 12, 1),
        half_day="matin",
        starts_at=datetime.time(9),
        ends_at=datetime.time(12, 30),
    )
    services.code_open(session=today)

    staff = Client(HTTP_HOST="localhost")
    staff.force_login(trainer)
    learner = Client(HTTP_HOST="localhost")
    learner.force_login(learners[0])
    pk, m = promo.pk, "2026-11"
    print(
        f"Attendance: a promo of {LEARNERS} learners, {len(sessions)} sessions in the month, n={N} per figure, "
        f"SQLite, {os.cpu_count()} cores"
    )
    print(f"  {'':<34} {'median':>9} {'SQL':>4} {'bytes':>8}")
    rows = [
        ("the group's month (page)", lambda: staff.get(f"/emargement/groupes/{pk}/{m}/"), PAGE_AIM_MS),
        ("a session (code, QR, list)", lambda: staff.get(f"/emargement/seances/{today.pk}/"), PAGE_AIM_MS),
        ("a learner's month (page)", lambda: learner.get(f"/emargement/mois/{m}/"), PAGE_AIM_MS),
        ("« Mon émargement »", lambda: learner.get("/emargement/"), PAGE_AIM_MS),
        ("the group's month (PDF)", lambda: staff.get(f"/emargement/groupes/{pk}/{m}.pdf"), PDF_AIM_MS),
        ("the group's month (CSV)", lambda: staff.get(f"/emargement/groupes/{pk}/{m}.csv"), PAGE_AIM_MS),
        ("a learner's month (PDF)", lambda: learner.get(f"/emargement/mois/{m}.pdf"), PDF_AIM_MS),
        ("a learner's month (CSV)", lambda: learner.get(f"/emargement/mois/{m}.csv"), PAGE_AIM_MS),
    ]
    for name, fn, aim in rows:
        ms, sql, size, status = measure(fn)
        assert status == 200, (name, status)
        print(f"  {name:<34} {ms:6.1f} ms {sql:>4} {size:>8,}   under {aim} ms: {'ok' if ms < aim else 'over'}")

    def sign():
        Presence.objects.filter(session=today, learner=learners[0]).delete()
        cache.clear()
        return learner.post("/emargement/", {"code": today.code})

    ms, sql, _size, status = measure(sign)
    assert status == 302, status
    print(
        f"  {'a sign-in with the code (POST)':<34} {ms:6.1f} ms {sql:>4} {'':>8}   under {PAGE_AIM_MS} ms: "
        f"{'ok' if ms < PAGE_AIM_MS else 'over'}"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(VAR, ignore_errors=True)
