"""Load test: learners signing in, reading and sending exercises through the real web server while a
grading worker is killed and the broker stops; then how many learners this machine serves.

    .venv/bin/pip install -e '.[bench]'  # Locust, a bench-only extra (pyproject.toml)
    .venv/bin/python bench/load.py      # the full run: about half an hour
    LOAD_USERS=20 LOAD_RAMP_S=10 LOAD_DURATION_S=60 LOAD_RAMP_CAPACITY=0 LOAD_PAGE_EVERY_S=5-10 \
        LOAD_SUBMIT_EVERY_S=15-30 .venv/bin/python bench/load.py      # a try: about 3 minutes

Everything is started here, in a temporary folder removed at the end, also on Ctrl-C (LOAD_KEEP=1 keeps
it: the services' logs, Locust's records): a private PostgreSQL cluster and a private redis-server
(append-only) on free loopback ports; the database migrated and filled as `make prepare` does (the
framework, content/'s courses and positioning tests, seed_demo), the learners added to the demo promo and
enrolled in the courses with quizzes (one Argon2 hash for all: each sign-in still verifies it); gunicorn
with config/gunicorn.conf.py, two Celery workers (concurrency 1) and beat.

Locust (headless; this file is also its locustfile) brings LOAD_USERS learners over LOAD_RAMP_S seconds
(500 over 300 s), for LOAD_DURATION_S seconds in all (600). Each signs in through the login form, reads
a page every 20–40 s (LOAD_PAGE_EVERY_S: lessons, the dashboard, « Mon parcours », exercises) and every
3–5 minutes (LOAD_SUBMIT_EVERY_S) sends a quiz, a Python, an HTML or a SQL exercise of the demo content,
rightly answered, as a browser without JavaScript does (the form with its submission_key, the redirect).
The grading latency, sent → finished_at, is read from the database, not polled by the learners. At a
third of the run a worker's process group is killed (-9), replaced 10 s later; at half, Redis stops for
30 s and starts again on its data.

Then (LOAD_RAMP_CAPACITY=1, the default) learners arrive by levels of LOAD_CAPACITY_STEP (100),
LOAD_CAPACITY_RATE a second (2), each level held LOAD_CAPACITY_HOLD_S (40 s), until the pages' p95 over a
level passes 1 s (LOAD_CAPACITY_MAX_S at most, 900 s): the machine's capacity, in learners and requests
per second. Locust runs on the same machine and takes its share of the cores (printed). Figures are
printed beside their aims: 0 errors, 0 submissions lost, none graded twice but the killed worker's,
pages' p95 under 500 ms, grading p95 under 10 s. Not a test.
"""

import collections
import contextlib
import csv
import io
import itertools
import json
import logging
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
USERS = int(os.environ.get("LOAD_USERS", "500"))
RAMP_S = float(os.environ.get("LOAD_RAMP_S", "300"))
DURATION_S = float(os.environ.get("LOAD_DURATION_S", "600"))
RAMP_CAPACITY = os.environ.get("LOAD_RAMP_CAPACITY", "1") == "1"
CAPACITY_STEP = int(os.environ.get("LOAD_CAPACITY_STEP", "100"))
CAPACITY_RATE = float(os.environ.get("LOAD_CAPACITY_RATE", "2"))
CAPACITY_HOLD_S = float(os.environ.get("LOAD_CAPACITY_HOLD_S", "40"))
CAPACITY_MAX_S = float(os.environ.get("LOAD_CAPACITY_MAX_S", "900"))
KEEP = os.environ.get("LOAD_KEEP") == "1"  # keep the temporary folder: the services' logs, Locust's records
PASSWORD = "charge-de-test-2026"
# Ports other checkouts' servers use on this machine (.ci/run, `make run`): never ours.
TAKEN_PORTS = {8000, 55432, 56379, 55442, 56389, 55452}
KINDS = ("quiz", "python", "html", "sql")
PAGES = ("login page", "dashboard", "my path", "lesson", "exercise", "exercise after sending")
# An exception in the learners' code (this file), recorded beside the requests.
CRASH = "the learner's code"
PAGE_AIM_MS, GRADING_AIM_S, CAPACITY_P95_MS = 500, 10, 1000
# A submission made before the broker came back must be graded within this after it came back; after the
# run, its submissions have this long to be graded (else they are counted as never graded).
LOST_AFTER_S, DRAIN_S = 60, 120
WORKER_KILL_AT, REPLACE_AFTER_S = 1 / 3, 10
BROKER_STOP_AT, BROKER_DOWN_S = 1 / 2, 30


def seconds_range(name, default):
    low, _sep, high = os.environ.get(name, default).partition("-")
    return float(low), float(high or low)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


# ---------------------------------------------------------------- the learners (run by Locust)


def learner_classes(phase):
    """Locust's user class, and the capacity phase's arrival shape: what `locust -f bench/load.py` finds here."""
    import gevent
    from locust import FastHttpUser, LoadTestShape, events, task

    plan = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
    out = Path(os.environ["LOAD_OUT"])
    page_every = seconds_range("LOAD_PAGE_EVERY_S", "20-40")
    submit_every = seconds_range("LOAD_SUBMIT_EVERY_S", "180-300")
    accounts = itertools.count()
    requests = []  # (start, name, ms, error)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    key = re.compile(r'name="submission_key" id="submission-key" value="([0-9a-f]{32})"')
    assets = re.compile(r'(?:href|src)="(/static/[^"]+)"')

    @events.request.add_listener
    def record(name, response_time, start_time, exception=None, **kwargs):
        requests.append((start_time, name, response_time, "" if exception is None else repr(exception)[:300]))

    @events.user_error.add_listener
    def crashed(exception, tb, **kwargs):
        where = traceback.extract_tb(tb)[-1]
        error = f"{exception!r} at line {where.lineno}"
        requests.append((time.time(), CRASH, 0.0, error[:300]))

    @events.quitting.add_listener
    def write(**kwargs):
        with open(out / f"requests-{phase}.csv", "w", newline="") as f:
            csv.writer(f).writerows(requests)

    def encoded(pairs, **more):
        return urlencode([*map(tuple, pairs), *more.items()])

    class Learner(FastHttpUser):
        network_timeout = connection_timeout = 60.0

        def wait_time(self):
            return random.uniform(*page_every)

        def on_start(self):
            self.username = f"load{next(accounts) % plan['accounts']:05d}"
            # As if the learner had been working for a while (the time left of a random interval): sendings
            # come at their steady rate from the start, and the learners of a ramp do not send together.
            self.next_submission = time.time() + random.uniform(0, random.uniform(*submit_every))
            self.sign_in()

        def sign_in(self):
            """The login form, then the dashboard it leads to, with the static files the browser keeps after."""
            page = self.page("/comptes/connexion/", "login page")
            data = encoded([("username", self.username), ("password", PASSWORD)], csrfmiddlewaretoken=token(page))
            with self.client.post(
                "/comptes/connexion/", data=data, headers=form, name="login", allow_redirects=False, catch_response=True
            ) as response:
                self.signed_in = response.status_code == 302 and "tableau-de-bord" in (location(response) or "")
                if not self.signed_in:
                    response.failure(f"not signed in ({response.status_code})")
                    return
            dashboard = self.page("/comptes/tableau-de-bord/", "dashboard")
            for asset in sorted(set(assets.findall(dashboard.text or ""))):
                self.client.get(asset, name="static")

        def page(self, url, name):
            """A page a signed-in learner reads: anything but a 200 (a redirection to the login form) fails."""
            with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
                if response.status_code != 200:
                    response.failure(f"{response.status_code} {location(response) or ''}")
            return response

        @task
        def act(self):
            if not self.signed_in:  # the last try failed: the learner tries again
                self.sign_in()
            elif time.time() >= self.next_submission:
                self.next_submission = time.time() + random.uniform(*submit_every)
                self.send(random.choice(plan["exercises"][random.choice(list(plan["exercises"]))]))
            else:
                group, urls = random.choice(plan["pages"])
                self.page(random.choice(urls), group)

        def send(self, exercise):
            """The exercise's page, the time to read it and type, then its form as the browser sends it."""
            url, kind = exercise["url"], exercise["kind"]
            page = self.page(url, "exercise")
            gevent.sleep(random.uniform(*page_every))
            sent, answer = time.time(), key.search(page.text or "")
            data = encoded(exercise["fields"], csrfmiddlewaretoken=token(page), submission_key=answer and answer[1])
            response = self.client.post(url, data=data, headers=form, name=f"send {kind}", allow_redirects=False)
            if response.status_code == 200 and 'name="incomplete"' in (response.text or ""):
                # A quiz with a question left blank asks first; the learner sends it as it is.
                answer = key.search(response.text)
                data = encoded(
                    exercise["fields"],
                    csrfmiddlewaretoken=token(response),
                    submission_key=answer and answer[1],
                    incomplete="1",
                )
                response = self.client.post(url, data=data, headers=form, name=f"send {kind}", allow_redirects=False)
            where = location(response) or ""
            number = re.search(r"soumission=(\d+)", where)
            line = {"sent": sent, "kind": kind, "key": answer and answer[1], "id": number and int(number[1])}
            with open(out / f"submissions-{phase}.jsonl", "a") as f:
                f.write(json.dumps({**line, "status": response.status_code, "user": self.username}) + "\n")
            if number:
                self.page(where.split("#")[0], "exercise after sending")

    def token(response):
        found = csrf.search(response.text or "")
        return found[1] if found else ""

    def location(response):
        return response.headers.get("Location") or response.headers.get("location") if response.headers else None

    classes = {"Learner": Learner}
    if phase != "capacity":
        return classes

    class CapacitySteps(LoadTestShape):
        """LOAD_CAPACITY_STEP more learners at a time, arriving LOAD_CAPACITY_RATE a second, each level held
        LOAD_CAPACITY_HOLD_S seconds; the end, once the pages' p95 over a level's hold passes 1 s. The hold's
        first seconds are not measured: the last arrivals' sign-ins and first pages are still under way."""

        levels, reached = [], None

        def tick(self):
            now, target = time.time(), (len(self.levels) + 1) * CAPACITY_STEP
            if self.reached is None and self.runner.user_count >= target:
                self.reached = now
            if self.reached is not None and now - self.reached >= CAPACITY_HOLD_S:
                since = self.reached + min(10, CAPACITY_HOLD_S / 3)
                pages = [r[2] for r in requests if r[0] >= since and r[1] in PAGES]
                self.levels.append({"users": target, "from": since, "to": now, "p95": pct(pages, 95)})
                (out / "capacity.json").write_text(json.dumps(self.levels))
                if self.levels[-1]["p95"] > CAPACITY_P95_MS:
                    return None
                self.reached, target = None, target + CAPACITY_STEP
            return (target, CAPACITY_RATE) if self.get_run_time() < CAPACITY_MAX_S else None

    return {**classes, "CapacitySteps": CapacitySteps}


# ---------------------------------------------------------------- the platform under load


def free_port():
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in TAKEN_PORTS:
            return port


class Service:
    """A command of ours in its own session (Ctrl-C reaches only this script), its output in a log file."""

    def __init__(self, name, argv, env, logs):
        self.name, self.argv, self.env, self.log = name, argv, env, logs / f"{name}.log"
        self.process = None

    def start(self):
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    @property
    def pid(self):
        return self.process.pid

    def kill(self):
        """kill -9 of its process group: what a crash or the OOM killer does."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self, grace=10.0):
        """SIGTERM, then whatever is left of its group is killed (after its leader ended, not reaped yet)."""
        if self.process is None or self.process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            if os.waitid(os.P_PID, self.process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                break
            time.sleep(0.1)
        self.kill()


class Postgres:
    """A private cluster under the temporary folder, on loopback (initdb refuses root: run as postgres)."""

    def __init__(self, folder, port):
        self.data, self.port, self.log = folder / "pg", port, folder / "logs" / "postgres.log"
        self.bin = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=version)[-1]).parent
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, *argv):
        subprocess.run([*self.as_postgres, *argv], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self):
        self.data.mkdir()
        if self.as_postgres:
            shutil.chown(self.data, "postgres", "postgres")
        initdb = f"{self.bin / 'initdb'} -D {self.data} -U postgres -A trust -E UTF8 --locale=C.UTF-8"
        self.run(*initdb.split())
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c max_connections=200"
        self.log.touch()
        if self.as_postgres:
            shutil.chown(self.log, "postgres", "postgres")
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-o", options, "start")
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True) as c:
            c.execute("CREATE ROLE tremplin LOGIN PASSWORD 'tremplin' CREATEDB")
            c.execute("CREATE DATABASE tremplin OWNER tremplin")
        return f"postgres://tremplin:tremplin@127.0.0.1:{self.port}/tremplin"

    @property
    def pid(self):
        with contextlib.suppress(FileNotFoundError, ValueError):
            return int((self.data / "postmaster.pid").read_text().split()[0])
        return None

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")


def version(path):
    return [int(part) for part in re.findall(r"\d+", str(path))]


class CpuMeter:
    """Where the cores went: /proc/stat for the machine, and each process's CPU time summed by the
    service it descends from (gunicorn's workers, a Celery worker's sandboxes and browsers, postgres…).
    A process's time includes its children's once it has reaped them (a sandbox's short runs): a process
    seen and gone is taken off again, its parent's count has it."""

    def __init__(self):
        self.roots = {os.getpid(): "bench (this script)"}  # pid → component
        self.seen, self.parts = {}, {}
        self.spent = collections.Counter()
        self.tick = os.sysconf("SC_CLK_TCK")
        self.lock = threading.Lock()
        self.started = False

    def watch(self, pid, component):
        if pid:
            self.roots[pid] = component

    def machine(self):
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(fields) - fields[3] - fields[4], sum(fields)  # busy, all (idle and iowait are not busy)

    def processes(self):
        found = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                with contextlib.suppress(OSError, ValueError, IndexError):
                    fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
                    pid = int(entry.name)
                    # utime, stime and, but for this script (it reaps the services), the reaped children's.
                    ticks = sum(int(x) for x in fields[11 : 13 if pid == os.getpid() else 15])
                    found[pid] = (int(fields[1]), ticks)
        return found

    def component(self, pid, processes):
        for _ in range(64):
            if pid in self.roots:
                return self.roots[pid]
            pid = processes.get(pid, (0, 0))[0]
            if pid <= 1:
                return None
        return None

    def sample(self):
        processes = self.processes()
        with self.lock:
            for pid, (_parent, ticks) in processes.items():
                component = self.parts.get(pid) or self.component(pid, processes)
                previous = self.seen.get(pid)
                self.seen[pid], self.parts[pid] = ticks, component
                if component and self.started:
                    self.spent[component] += ticks - (previous if previous is not None else 0)
            for pid in [pid for pid in self.seen if pid not in processes]:
                ticks, component = self.seen.pop(pid), self.parts.pop(pid)
                if component and self.started and pid not in self.roots:
                    self.spent[component] -= ticks

    def start(self):
        with self.lock:
            self.started = False
        self.sample()
        with self.lock:
            self.spent.clear()
            self.started, self.machine_at, self.wall = True, self.machine(), time.monotonic()

    def result(self):
        """(cores busy on the machine, {component: cores}) since start()."""
        self.sample()
        busy, total = self.machine()
        machine = (busy - self.machine_at[0]) / max(1, total - self.machine_at[1]) * os.cpu_count()
        seconds = time.monotonic() - self.wall
        return machine, {name: ticks / self.tick / seconds for name, ticks in self.spent.most_common()}


class Platform:
    """PostgreSQL, Redis, gunicorn, two grading workers and beat, started here and stopped at the end."""

    def __init__(self, folder):
        self.folder, self.logs = folder, folder / "logs"
        self.logs.mkdir()
        (folder / "var").mkdir()
        self.services = []
        self.postgres = Postgres(folder, free_port())
        self.redis_port, self.web_port = free_port(), free_port()
        self.database_url = ""
        self.cpu = CpuMeter()

    def env(self):
        return {
            **os.environ,
            "TREMPLIN_VAR_DIR": str(self.folder / "var"),
            "DJANGO_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            **({"DATABASE_URL": self.database_url} if self.database_url else {}),
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "PORT": str(self.web_port),
            "PYTHONUNBUFFERED": "1",
        }

    def start_databases(self):
        self.database_url = self.postgres.start()
        self.cpu.watch(self.postgres.pid, "postgres")
        redis_dir = self.folder / "redis"
        redis_dir.mkdir()
        # Append-only, as on a server: what the queue holds survives a stop.
        argv = f"redis-server --port {self.redis_port} --bind 127.0.0.1 --dir {redis_dir} --appendonly yes"
        self.redis = self.service("redis", [*argv.split(), "--save", "", "--daemonize", "no"])
        self.start_redis()
        os.environ.update(self.env())

    def service(self, name, argv, component=None):
        service = Service(name, argv, self.env(), self.logs)
        service.component = component or name
        self.services.append(service)
        return service

    def start_redis(self):
        self.cpu.watch(self.redis.start().pid, "redis")
        client = redis.Redis(port=self.redis_port)
        wait_for(lambda: ping(client), 10, "redis-server did not answer")
        client.close()

    def start_servers(self):
        python = sys.executable
        config = ROOT / "config" / "gunicorn.conf.py"
        self.web = self.service("web", [python, "-m", "gunicorn", "--config", str(config)])
        self.workers = [self.worker(n) for n in (1, 2)]
        self.beat = self.service("beat", [python, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO"])
        for service in (self.web, *self.workers, self.beat):
            self.cpu.watch(service.start().pid, service.component)
        wait_for(lambda: http_status(f"{self.url}/comptes/connexion/") == 200, 60, "gunicorn did not answer")
        from exercises.models import WorkerBeat

        pids = {w.pid for w in self.workers}
        wait_for(lambda: WorkerBeat.objects.filter(pid__in=pids).count() == 2, 90, "the workers did not start")

    def worker(self, number):
        argv = [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel=INFO", "--concurrency=1"]
        return self.service(f"worker{number}", [*argv, f"--hostname=load{number}@%h"], component="workers")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.web_port}"

    def stop(self):
        for service in reversed(self.services):
            service.stop()
        self.postgres.stop()


def ping(client):
    with contextlib.suppress(Exception):
        return client.ping()
    return False


def http_status(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def wait_for(predicate, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise RuntimeError(message)


# ---------------------------------------------------------------- content and learners


def prepare(platform, accounts):
    """The demo platform (as `make prepare` builds it), `accounts` learners of its promo, and the plan the
    learners follow: their pages, and per kind the exercises they send with the answers they give."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.urls import reverse

    from accounts.models import Cohort, Role, User
    from courses.models import Course, Enrolment, Lesson
    from exercises.kinds import kind_of
    from exercises.kinds.files import filenames
    from exercises.kinds.quiz.grader import right_answers
    from exercises.models import Exercise

    quiet = io.StringIO()
    call_command("migrate", "--no-input", verbosity=0)
    call_command("load_framework", stdout=quiet)
    call_command("import_course", str(ROOT / "content"), stdout=quiet)
    call_command("import_positioning", str(ROOT / "content"), stdout=quiet)
    call_command("seed_demo", stdout=quiet)
    call_command("collectstatic", "--no-input", verbosity=0)
    promo = Cohort.objects.get(name="Promo 2026 — Développeurs web")
    hashed = make_password(PASSWORD)  # once: each sign-in still verifies it (Argon2)
    learners = User.objects.bulk_create(
        (
            User(
                username=f"load{i:05d}",
                password=hashed,
                first_name="Apprenant",
                last_name=f"{i}",
                role=Role.TRAINEE,
                site=promo.site,
            )
            for i in range(accounts)
        ),
        batch_size=1000,
    )
    promo.learners.add(*learners)
    with_quizzes = list(Course.objects.filter(track__slug="numerique-de-base", status="published"))
    Enrolment.objects.bulk_create(
        (Enrolment(user=u, course=c) for u in learners for c in with_quizzes), batch_size=5000
    )
    courses = [*Course.objects.filter(cohorts=promo, status="published"), *with_quizzes]
    lessons = Lesson.objects.filter(module__course__in=courses, status="published").select_related("module__course")
    exercises = Exercise.objects.filter(module__course__in=courses, status="published", kind__in=KINDS)
    plan = {"accounts": accounts, "exercises": collections.defaultdict(list)}
    for exercise in exercises.filter(max_attempts__isnull=True):
        if exercise.kind == "quiz":
            fields = []
            for name, value in right_answers(exercise.config.get("questions", [])).items():
                if isinstance(value, dict):
                    fields += [(f"{name}_{i}", v) for i, v in value.items()]
                else:
                    fields += [(name, v) for v in (value if isinstance(value, list) else [value])]
        else:
            names = filenames(exercise, kind_of(exercise.kind).default_file)
            fields = [(f"file_{i}", exercise.solution.get(name, "")) for i, name in enumerate(names)]
        plan["exercises"][exercise.kind].append(
            {"url": exercise.get_absolute_url(), "kind": exercise.kind, "fields": [*fields, ("mode", "submit")]}
        )
    plan["pages"] = [
        ("dashboard", [reverse("accounts:dashboard")]),
        ("my path", [reverse("progress:my_path")]),
        ("lesson", [lesson.get_absolute_url() for lesson in lessons]),
        ("lesson", [lesson.get_absolute_url() for lesson in lessons]),  # twice as often as the others
        ("exercise", [exercise.get_absolute_url() for exercise in exercises]),
    ]
    (platform.folder / "plan.json").write_text(json.dumps(plan))
    return plan


# ---------------------------------------------------------------- one phase of Locust


class Watch(threading.Thread):
    """Every 2 s, from the database's side: how many submissions wait; and where the CPU goes."""

    def __init__(self, platform):
        super().__init__(daemon=True)
        self.platform, self.samples, self.stopping = platform, [], threading.Event()

    def run(self):
        from django.db import connection

        from exercises.models import Submission

        try:
            while not self.stopping.wait(2):
                self.platform.cpu.sample()
                with contextlib.suppress(Exception):
                    waiting = Submission.objects.filter(status__in=Submission.PENDING).count()
                    self.samples.append((time.time(), waiting))
        finally:
            connection.close()

    def waiting_at(self, moment):
        return next((n for t, n in self.samples if t >= moment), None)


def locust(platform, phase, *args):
    env = {
        **platform.env(),
        "LOAD_PLAN": str(platform.folder / "plan.json"),
        "LOAD_OUT": str(platform.folder),
        "LOAD_PHASE": phase,
    }
    argv = [sys.executable, "-m", "locust", "-f", str(Path(__file__).resolve()), "--headless", "--host", platform.url]
    argv += ["--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0", *args]
    service = Service(f"locust-{phase}", argv, env, platform.logs)
    platform.services.append(service)
    platform.cpu.watch(service.start().pid, "locust")
    return service


def run_phase(platform, chaos):
    """LOAD_USERS learners over LOAD_RAMP_S seconds for LOAD_DURATION_S; the worker killed, Redis stopped."""
    started = time.time()
    runner = locust(
        platform, "main", "-u", str(USERS), "-r", f"{USERS / max(RAMP_S, 1):.3f}", "-t", f"{DURATION_S:.0f}s"
    )

    def at(share):
        time.sleep(max(0.0, started + share * DURATION_S - time.time()))
        return time.time() - started

    from exercises.models import Submission

    killed = platform.workers[0]
    chaos["kill_at"] = at(WORKER_KILL_AT)
    killed.kill()
    # What it was grading: taken back by the sweep and graded again, its one allowed second run.
    chaos["killed_ids"] = set(
        Submission.objects.filter(status=Submission.Status.RUNNING, claimed_by__startswith="load1@").values_list(
            "pk", flat=True
        )
    )
    time.sleep(REPLACE_AFTER_S)
    replacement = platform.worker(1)
    platform.cpu.watch(replacement.start().pid, "workers")
    platform.workers[0] = replacement
    chaos["replaced_at"] = time.time() - started
    chaos["redis_stop_at"] = at(BROKER_STOP_AT)
    chaos["broker_gone"] = time.time()
    platform.redis.stop()
    time.sleep(BROKER_DOWN_S)
    platform.start_redis()
    chaos["broker_back"] = time.time()
    chaos["redis_back_at"] = chaos["broker_back"] - started
    runner.process.wait(timeout=DURATION_S + 120)
    return started, time.time()


def drain(since, until):
    """Wait for the submissions of the phase to be graded (until the deadline)."""
    from exercises.models import Submission

    pending = Submission.objects.filter(status__in=Submission.PENDING, created_at__gte=since)
    while pending.exists() and time.time() < until:
        time.sleep(1)


# ---------------------------------------------------------------- figures


def read_requests(folder, phase):
    path = folder / f"requests-{phase}.csv"
    if not path.exists():
        return []
    with open(path, newline="") as f:
        return [(float(t), name, float(ms), error) for t, name, ms, error in csv.reader(f)]


def read_submissions(folder, phase):
    """What the learners sent, joined to the database's rows by the form's key (the redirect may not have come)."""
    from datetime import datetime

    from exercises.models import Submission

    path = folder / f"submissions-{phase}.jsonl"
    sent = [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []
    rows = {
        row["client_key"]: row
        for row in Submission.objects.filter(client_key__in=[s["key"] for s in sent if s["key"]]).values(
            "pk", "client_key", "created_at", "started_at", "finished_at", "status", "runs"
        )
    }
    for s in sent:
        s["row"] = rows.get(s["key"])
        for field in ("created", "started", "finished"):
            moment = s["row"] and s["row"][f"{field}_at"]
            s[field] = moment.timestamp() if isinstance(moment, datetime) else None
    with open(folder / f"submissions-{phase}.csv", "w", newline="") as f:  # for a closer look (LOAD_KEEP=1)
        out = csv.writer(f)
        out.writerow(["id", "kind", "sent", "created", "started", "finished", "status", "runs", "user"])
        for s in sent:
            row = s["row"] or {}
            times = [f"{s[field]:.3f}" if s.get(field) else "" for field in ("sent", "created", "started", "finished")]
            out.writerow([row.get("pk"), s["kind"], *times, row.get("status"), row.get("runs"), s["user"]])
    return sent


def print_pages(requests, seconds):
    requests = [r for r in requests if r[1] != CRASH]
    pages = [r for r in requests if r[1] in PAGES]
    print(f"  requests: {len(requests):,} in {seconds:.0f} s, {len(requests) / seconds:.1f} req/s")
    print(f"    (pages {len(pages) / seconds:.1f}/s; the rest: sign-ins, sendings, static files once per learner)")
    print(f"  {'':<26} {'n':>6} {'p50':>8} {'p95':>8} {'p99':>8}")
    by_name = collections.defaultdict(list)
    for _t, name, ms, _error in requests:
        by_name[name].append(ms)
    for name in [*PAGES, "all pages"]:
        times = by_name[name] if name != "all pages" else [r[2] for r in pages]
        if times:
            p95 = pct(times, 95)
            verdict = f"   p95 < {PAGE_AIM_MS} ms: {'ok' if p95 < PAGE_AIM_MS else 'over'}"
            print(
                f"  {name:<26} {len(times):>6} {pct(times, 50):5.0f} ms {p95:5.0f} ms {pct(times, 99):5.0f} ms{verdict}"
            )
    for name in ["login", "static", *(f"send {kind}" for kind in KINDS)]:
        if by_name[name]:
            times = by_name[name]
            print(f"  {name:<26} {len(times):>6} {pct(times, 50):5.0f} ms {pct(times, 95):5.0f} ms")


def print_errors(requests, logs, outage):
    """What the learners saw fail, then the ERROR lines of the services' logs: those while Redis was down
    (and the 30 s after, while they reconnect) are expected, and counted apart."""
    errors = collections.Counter((name, error) for _t, name, _ms, error in requests if error)
    total = sum(errors.values())
    print(f"  errors seen by the learners: {total}   aim 0: {'ok' if not total else 'over'}")
    for (name, error), count in errors.most_common(5):
        print(f"    {count} × {name}: {error[:160]}")
    for log in sorted(logs.glob("*.log")):
        during, other = 0, []
        for line in log.read_text(errors="replace").splitlines():
            if " ERROR " in line:
                with contextlib.suppress(ValueError):
                    at = time.mktime(time.strptime(line[:19], "%Y-%m-%d %H:%M:%S"))
                    if outage[0] - 1 <= at <= outage[1] + 30:
                        during += 1
                        continue
                other.append(line)
        if during or other:
            print(f"  {log.name}: {during} ERROR line(s) while Redis was down, {len(other)} other(s)")
        for line in other[:3]:
            print(f"    {line[:200]}")


def print_grading(sent, chaos, watch, logs):
    """Per kind, sent → graded; the aim is for calm times, outside the chaos (from the kill to a minute
    after Redis came back)."""
    chaos_from, chaos_to = chaos["started"] + chaos["kill_at"], chaos["broker_back"] + LOST_AFTER_S
    print(f"  {'grading, sent → result':<26} {'n':>6} {'p50':>8} {'p95':>8} {'max':>8}   {'calm: n':>7} {'p95':>8}")
    for kind in KINDS:
        graded = [s for s in sent if s["kind"] == kind and s["finished"]]
        times = [s["finished"] - s["sent"] for s in graded]
        calm = [s["finished"] - s["sent"] for s in graded if not chaos_from <= s["sent"] <= chaos_to]
        if times:
            verdict = f"p95 < {GRADING_AIM_S} s: {'ok' if pct(calm, 95) < GRADING_AIM_S else 'over'}" if calm else ""
            print(
                f"  {kind:<26} {len(times):>6} {pct(times, 50):6.2f} s {pct(times, 95):6.2f} s {max(times):6.2f} s"
                f"   {len(calm):>7} {f'{pct(calm, 95):.2f} s' if calm else '-':>8}   {verdict}"
            )
    made = [s for s in sent if s["row"]]
    back = chaos.get("broker_back", float("inf"))
    never = [s for s in made if not s["finished"]]
    late = [s for s in made if s["finished"] and s["sent"] < back and s["finished"] > back + LOST_AFTER_S]
    lost = len(never) + len(late)
    kinds = collections.Counter(s["kind"] for s in made)
    print(
        f"  submissions: {len(made)} made ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}),"
        f" {len(sent) - len(made)} sendings without a row"
    )
    print(
        f"  lost: {lost} ({len(never)} never graded, {len(late)} made before Redis came back and graded more than"
        f" {LOST_AFTER_S} s after it)   aim 0: {'ok' if not lost else 'over'}"
    )
    # The web process could not queue these (Redis down): the sweep sends them again once they have waited
    # GRADING_REQUEUE_QUEUED_AFTER (60 s), at its next run (every 15 s).
    unqueued = {int(n) for n in re.findall(r"Could not queue submission (\d+)", (logs / "web.log").read_text())}
    if late:
        print(f"    of which {sum(s['row']['pk'] in unqueued for s in late)} could not be queued while Redis was down")
    for s in (never + late)[:5]:
        row, start = s["row"], chaos["started"]
        graded = f"graded at {s['finished'] - start:.0f} s" if s["finished"] else "not graded"
        print(f"    #{row['pk']} {s['kind']} sent at {s['sent'] - start:.0f} s, {graded} ({row['status']})")
    runs = collections.Counter(s["row"]["runs"] for s in made)
    twice = [s["row"]["pk"] for s in made if s["row"]["runs"] > 1 and s["row"]["pk"] not in chaos["killed_ids"]]
    print(
        f"  graded twice beyond the killed worker's ({len(chaos['killed_ids'])} under way when it died): {len(twice)}"
        f"   aim 0: {'ok' if not twice else 'over'}   runs: "
        + ", ".join(f"{n} run{'s' if n != 1 else ''} × {count}" for n, count in sorted(runs.items()))
    )
    if watch.samples:
        waiting = watch.waiting_at(back)
        print(
            f"  queue (pending submissions): longest {max(n for _t, n in watch.samples)}"
            + (f", {waiting} when Redis came back" if waiting is not None else "")
        )


def cpu_line(cpu):
    machine, parts = cpu
    detail = ", ".join(f"{name} {cores:.2f}" for name, cores in parts.items() if cores >= 0.005)
    return (
        f"cores busy: {machine:.2f} of {os.cpu_count()} (the whole machine, whatever else runs on it); ours: {detail}"
    )


# ---------------------------------------------------------------- main


def main():
    folder = Path(tempfile.mkdtemp(prefix="tremplin-bench-load-"))
    folder.chmod(0o755)  # the postgres user reaches its cluster's folder inside
    platform = Platform(folder)

    def stop(signum, frame):
        raise KeyboardInterrupt

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    watch, status = None, 0
    print(
        f"Load test: {USERS} learners arriving over {RAMP_S:.0f} s, {DURATION_S:.0f} s in all, {os.cpu_count()} cores;"
        f" PostgreSQL {platform.postgres.bin.parent.name} and Redis on loopback, gunicorn"
        f" ({os.environ.get('WEB_CONCURRENCY') or os.cpu_count() + 1} gevent workers), 2 Celery workers"
        " (concurrency 1) and beat; Locust on the same machine",
        flush=True,
    )
    try:
        began = time.monotonic()
        platform.start_databases()
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        logging.getLogger().setLevel(logging.WARNING)  # this script's own gradings (seed_demo's quizzes)
        levels = CAPACITY_MAX_S / (CAPACITY_STEP / CAPACITY_RATE + CAPACITY_HOLD_S) + 1
        capacity_accounts = int(levels * CAPACITY_STEP) if RAMP_CAPACITY else 0
        plan = prepare(platform, max(USERS, capacity_accounts))
        platform.start_servers()
        exercises = ", ".join(f"{len(v)} {k}" for k, v in sorted(plan["exercises"].items()))
        print(
            f"  setup: {time.monotonic() - began:.0f} s (the demo, {plan['accounts']} learners' accounts);"
            f" the exercises they send: {exercises}",
            flush=True,
        )
        watch = Watch(platform)
        watch.start()
        platform.cpu.start()
        chaos = {}
        started, ended = run_phase(platform, chaos)
        chaos["started"] = started
        cpu = platform.cpu.result()
        drain(as_datetime(started), max(time.time() + DRAIN_S, chaos["broker_back"] + LOST_AFTER_S + 30))
        print(
            f"  chaos: worker load1 killed (-9) at {chaos['kill_at']:.0f} s, replaced at {chaos['replaced_at']:.0f} s;"
            f" Redis stopped at {chaos['redis_stop_at']:.0f} s, back at {chaos['redis_back_at']:.0f} s"
        )
        requests = read_requests(folder, "main")
        print_pages(requests, min(ended - started, DURATION_S))
        print_errors(requests, platform.logs, (chaos["broker_gone"], chaos["broker_back"]))
        print_grading(read_submissions(folder, "main"), chaos, watch, platform.logs)
        print(f"  {cpu_line(cpu)}")
        if RAMP_CAPACITY:
            capacity(platform, watch)
    except KeyboardInterrupt:
        print("Interrupted: stopping everything.", file=sys.stderr)
        status = 130
    except Exception:
        if not KEEP:
            print("Failed (LOAD_KEEP=1 keeps the services' logs):", file=sys.stderr)
        raise
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C does not leave servers behind
        if watch is not None:
            watch.stopping.set()
            watch.join(5)
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        platform.stop()
        if KEEP:
            print(f"Kept: {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return status


def as_datetime(moment):
    from datetime import UTC, datetime

    return datetime.fromtimestamp(moment, UTC)


def capacity(platform, watch):
    """More learners, level by level, until the pages' p95 passes 1 s: each level's figures, over its hold."""
    print(
        f"Capacity: {CAPACITY_STEP} more learners at a time (arriving {CAPACITY_RATE:g} a second), each level held"
        f" {CAPACITY_HOLD_S:.0f} s, until the pages' p95 passes {CAPACITY_P95_MS} ms (at most {CAPACITY_MAX_S:.0f} s)"
    )
    begun = time.time()
    platform.cpu.start()
    runner = locust(platform, "capacity", "-t", f"{CAPACITY_MAX_S + 30:.0f}s")
    runner.process.wait(timeout=CAPACITY_MAX_S + 120)
    cpu = platform.cpu.result()
    drain(as_datetime(begun), time.time() + 60)
    result = platform.folder / "capacity.json"
    levels = json.loads(result.read_text()) if result.exists() else []
    requests = read_requests(platform.folder, "capacity")
    sent = read_submissions(platform.folder, "capacity")
    print(f"  {'learners':>8} {'req/s':>6} {'pages/s':>8} {'p50':>8} {'p95':>8}   {'grading p95':>11} {'waiting':>7}")
    for level in levels:
        during = [r for r in requests if level["from"] <= r[0] < level["to"] and r[1] != CRASH]
        pages = [r[2] for r in during if r[1] in PAGES]
        seconds = level["to"] - level["from"]
        made = [s for s in sent if s["row"] and level["from"] <= s["sent"] < level["to"]]
        # A sending not graded by the end counts as infinitely slow.
        graded = [s["finished"] - s["sent"] if s["finished"] else float("inf") for s in made]
        print(
            f"  {level['users']:>8} {len(during) / seconds:6.1f} {len(pages) / seconds:8.1f} {pct(pages, 50):5.0f} ms"
            f" {pct(pages, 95):5.0f} ms   {f'{pct(graded, 95):.1f} s' if graded else '-':>11}"
            f" {watch.waiting_at(level['to']) or 0:>7}"
        )
    under = [level for level in levels if level["p95"] <= CAPACITY_P95_MS]
    if levels and levels[-1]["p95"] > CAPACITY_P95_MS:
        best = under[-1]["users"] if under else 0
        print(f"  capacity: {best} learners with the pages' p95 under {CAPACITY_P95_MS} ms (over it at the next level)")
    else:
        print("  the p95 stayed under 1 s at every level: raise LOAD_CAPACITY_MAX_S (or LOAD_CAPACITY_STEP)")
    print(f"  errors seen by the learners: {sum(1 for r in requests if r[3])}")
    print(f"  {cpu_line(cpu)}")


if __name__ == "__main__":
    sys.exit(main())
elif "locust" in sys.modules:  # imported by Locust, started by main() above: the learners
    globals().update(learner_classes(os.environ.get("LOAD_PHASE", "main")))
