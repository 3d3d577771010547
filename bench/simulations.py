"""Simulations benchmark: the server time of each simulator page, of recording a step and of grading an
attempt, the SQL queries of each, and the pages' weights — for the demo's two scenarios.

    .venv/bin/python bench/simulations.py          # throw-away SQLite database, BENCH_N=30 runs per figure
    BENCH_N=100 .venv/bin/python bench/simulations.py

Builds a fresh database in a temporary folder (removed at the end), imports the two demo courses that
hold simulations (content/premiers-pas-courriel, content/demarches-en-ligne-arnaques), enrols one
resident, then measures in this process (django.test.Client, force_login): each page's median server
time and SQL query count, a step recorded (a POST to a message's button, redirect not followed),
grading an attempt alone (the replay of the reference path and the expectations) and end to end (the
exercise page's « J'ai terminé »: stored, graded in the web process, progress updated), and the bytes of
each page's HTML plus the stylesheet and scripts it loads (the 100 KB budget). Aims: a page under
100 ms, grading under 50 ms. No other tool grades such simulations (the real procedures are taught on
real sites, or with a mediator's screenshots): the figures stand against those aims. Not a test.
"""

import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = Path(tempfile.mkdtemp(prefix="tremplin-bench-simulations-"))
os.environ["TREMPLIN_VAR_DIR"] = str(VAR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.pop("DATABASE_URL", None)
N = int(os.environ.get("BENCH_N", "30"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGE_AIM_MS, GRADING_AIM_MS, BUDGET = 100, 50, 100 * 1024


def median_ms(fn, n=N, before=None):
    times = []
    for _ in range(n):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def queries(fn):
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def weight(client, url):
    """The page's HTML plus the stylesheets and scripts it links, in bytes (uncompressed)."""
    from django.contrib.staticfiles import finders

    html = client.get(url).content
    total = len(html)
    for asset in re.findall(rb'(?:href|src)="/static/([^"?]+\.(?:css|js))', html):
        found = finders.find(asset.decode())
        total += Path(found).stat().st_size if found else 0
    return total


def line(name, ms, aim, count=None, size=None):
    ratio = ms / aim
    extra = f"  {count:>3} SQL" if count is not None else ""
    extra += f"  {size / 1024:6.1f} KB" if size is not None else ""
    verdict = "ok" if ratio <= 1 else "over"
    print(f"  {name:<44} {ms:8.2f} ms  ({ratio:4.2f} of {aim} ms, {verdict}){extra}")


def main():
    from courses.models import Course, Enrolment
    from exercises.models import Exercise

    call_command("migrate", verbosity=0)
    for course in ("premiers-pas-courriel", "demarches-en-ligne-arnaques"):
        call_command("import_course", str(ROOT / "content" / course), verbosity=0)
    from django.contrib.auth import get_user_model

    resident = get_user_model().objects.create_user("habitante", password="x", role="resident")
    for course in Course.objects.all():
        Enrolment.objects.create(user=resident, course=course)
    client = Client(HTTP_HOST="localhost")
    client.force_login(resident)
    print(f"Simulations, {N} runs per figure (median), SQLite in {VAR}")
    for exercise in Exercise.objects.filter(kind="simulation").order_by("slug"):
        measure(client, resident, exercise)


def measure(client, resident, exercise):
    from exercises.kinds import kind_of
    from exercises.models import Submission, WorkInProgress
    from exercises.spec import read_exercise

    scenario = exercise.config["scenario"]
    base = f"/exercices/{exercise.pk}/simulation/"
    pages = {"exercise page": exercise.get_absolute_url(), "simulator: first page": base}
    if scenario["simulator"] == "booking":
        practitioner = scenario["practitioners"][0]
        slot = practitioner["slots"][-1]
        pages["simulator: a search"] = f"{base}?q=medecin"
        pages["simulator: a practitioner"] = f"{base}praticiens/{practitioner['id']}/"
        pages["simulator: a slot to confirm"] = (
            f"{base}praticiens/{practitioner['id']}/confirmer/?creneau={quote(slot)}"
        )
        pages["simulator: my appointments"] = f"{base}rendez-vous/"
        post = (f"{base}agir/", {"do": "book", "practitioner": practitioner["id"], "slot": slot}, [])
    elif scenario["simulator"] == "shop":
        site = scenario["sites"][0]["id"]
        pages["simulator: a site"] = f"{base}sites/{site}/"
        pages["simulator: a payment page"] = f"{base}sites/{site}/paiement/"
        pages["simulator: the cart"] = f"{base}panier/"
        step = {"do": "add", "product": scenario["products"][0]["id"]}
        post = (f"{base}agir/", step, [])
    elif scenario["simulator"] == "procedure":
        signed_in = scenario["reference"][:1]
        WorkInProgress.objects.update_or_create(exercise=exercise, learner=resident, defaults={"steps": signed_in})
        fill = next(step for step in scenario["reference"] if step["do"] == "fill")
        pages["simulator: a step of the form"] = f"{base}formulaire/{fill['page']}/"
        pages["simulator: the summary"] = f"{base}recapitulatif/"
        post = (f"{base}formulaire/{fill['page']}/", fill["values"], signed_in)
    else:
        first = scenario["messages"][0]["id"]
        linked = next(m["id"] for m in scenario["messages"] if m.get("links"))
        pages["simulator: a message"] = f"{base}messages/{first}/"
        pages["simulator: the page behind a link"] = f"{base}messages/{linked}/liens/0/"
        if scenario["simulator"] == "webmail":
            pages["simulator: writing a reply"] = f"{base}ecrire/?repondre={first}"
        post = (f"{base}agir/", {"do": "report", "message": linked}, [])
    print(f"\n{exercise.title} ({scenario['simulator']})")
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url
        get = lambda url=url: client.get(url)  # noqa: E731
        line(name, median_ms(get), PAGE_AIM_MS, queries(get), weight(client, url))

    url, data, steps_before = post

    def clear():
        WorkInProgress.objects.update_or_create(exercise=exercise, learner=resident, defaults={"steps": steps_before})

    def record():
        assert client.post(url, data).status_code == 302, url

    line("a step recorded (POST, redirect)", median_ms(record, before=clear), PAGE_AIM_MS)
    spec = read_exercise(exercise_folder(exercise))
    reference = {"steps": scenario["reference"]}
    line(
        "grading the reference path alone",
        median_ms(lambda: kind_of("simulation").grade(spec, reference)),
        GRADING_AIM_MS,
    )

    def prepare():
        WorkInProgress.objects.update_or_create(
            exercise=exercise, learner=resident, defaults={"steps": scenario["reference"]}
        )
        Submission.objects.filter(exercise=exercise, learner=resident).delete()

    def finish():
        response = client.post(exercise.get_absolute_url(), {})
        assert response.status_code == 302, response.status_code

    line("« J'ai terminé »: stored, graded, progress", median_ms(finish, before=prepare), PAGE_AIM_MS)
    assert Submission.objects.get(exercise=exercise, learner=resident).status == "passed"


def exercise_folder(exercise):
    for folder in (ROOT / "content").glob("*/*/*/simulation.toml"):
        if folder.parent.name.endswith(exercise.slug):
            return folder.parent
    raise LookupError(exercise.slug)


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(VAR, ignore_errors=True)
