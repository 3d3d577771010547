"""Progress benchmark: the competence pages and the incremental update, on a realistic volume.

    .venv/bin/python bench/progress.py                   # throw-away SQLite database, BENCH_N=30 runs per figure
    BENCH_N=10 .venv/bin/python bench/progress.py
    BENCH_DATABASE_URL=postgres://user:pw@localhost/tremplin_bench .venv/bin/python bench/progress.py

BENCH_DATABASE_URL must name an EMPTY database that can be thrown away (it is migrated and filled,
never cleaned). Without it, the database is a SQLite file in a fresh temporary directory, removed at
the end unless BENCH_KEEP=1. BENCH_BUDGET (seconds, default 240) caps the time spent on one figure
(never fewer than 5 runs); BENCH_DIAGNOSE=0 skips the diagnosis of figures over their aim;
BENCH_REUSE=/tmp/tremplin-bench-progress-XXXX measures again on a folder kept with BENCH_KEEP=1, without
rebuilding (the build takes minutes; each run adds 2×N submissions there); with BENCH_DATABASE_URL,
BENCH_REUSE=1 measures again on the database an earlier run built there.

Builds 2,000 trainees in 60 cohorts on 4 sites (one trainer per cohort), the four bundled frameworks
(36 competences) plus a synthetic qualification of 2 blocks and 114 competences (150 in all), 300
published exercises linked to 1-3 competences each, 200,000 graded submissions over the last 12 months,
lesson completions, a few validations, observations and attestations; then rebuilds evidence and states
with progress.services.recompute(). Then measures, in this process (django.test.Client, force_login),
the server time and the number of SQL queries of « Mon parcours », the cohort dashboard and its CSV
export, the coordinators' indicators (by site, cohort and track), and progress.services.submission_graded
on a fresh submission. A figure over its aim is printed "over", with a short diagnosis (slowest SQL,
repeated SQL, hottest Python functions) of one run; the script still exits 0. Not a test.
"""

import cProfile
import io
import json
import os
import pstats
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REUSE = os.environ.get("BENCH_REUSE", "")  # measure again on what an earlier run built: no build
REUSE_FOLDER = bool(REUSE) and not os.environ.get("BENCH_DATABASE_URL")  # a SQLite folder kept with BENCH_KEEP=1
VAR = Path(REUSE) if REUSE_FOLDER else Path(tempfile.mkdtemp(prefix="tremplin-bench-progress-"))
os.environ["TREMPLIN_VAR_DIR"] = str(VAR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if os.environ.get("BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
elif REUSE_FOLDER and not (VAR / "tremplin.sqlite3").exists():
    sys.exit(f"BENCH_REUSE={REUSE}: no tremplin.sqlite3 there (keep one with BENCH_KEEP=1)")
else:
    os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

N = int(os.environ.get("BENCH_N", "30"))
SEED = int(os.environ.get("BENCH_SEED", "20240901"))
PAGE_AIM_MS, PAGE_AIM_QUERIES, UPDATE_AIM_MS = 150, 15, 20

LEARNERS, COHORTS, SUBMISSIONS = 2000, 60, 200_000
DASHBOARD_COHORT_SIZE = 30
SYNTHETIC_CODE = "BENCH-TP"
SYNTHETIC_BLOCKS = (60, 54)  # 114 competences; the dashboard shows all of them (>= 60 columns)
WEB_COURSES, NDB_COURSES, MODULES_PER_COURSE, EXERCISES_PER_MODULE, LESSONS_PER_MODULE = 8, 2, 5, 6, 2
HEAVY_SUBMISSIONS = 3000  # the « Mon parcours » learner

rng = random.Random(SEED)


# ---------------------------------------------------------------- helpers


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def phase(label):
    """Context manager printing how long a build step took."""

    class _Phase:
        def __enter__(self):
            self.start = time.perf_counter()
            print(f"  {label} ...", end="", flush=True)
            return self

        def __exit__(self, *exc):
            self.elapsed = time.perf_counter() - self.start
            print(f" {self.elapsed:.1f} s", flush=True)

    return _Phase()


def chunks(items, size):
    for i in range(0, len(items), size):
        yield items[i : i + size]


# ---------------------------------------------------------------- the build


def build():
    from django.contrib.auth.hashers import make_password

    from accounts.models import Cohort, Role, Site, User
    from courses.models import Course, Enrolment, Lesson, LessonCompletion, Module, Track
    from exercises.models import Exercise, Submission
    from progress import services
    from progress.frameworks import default_files, load_framework
    from progress.models import Attestation, Block, Competence, ProgressEvent, Qualification

    now = timezone.now()
    timings = {}
    print("Build:")
    with phase("migrate") as p:
        call_command("migrate", verbosity=0)
    timings["migrate_s"] = p.elapsed

    with phase("sites, cohorts, 2,000 trainees, trainers, coordinator") as p:
        password = make_password("bench-password")
        sites = Site.objects.bulk_create(
            [
                Site(name="École du web de Lille", kind=Site.Kind.WEB_SCHOOL, city="Lille"),
                Site(name="École du web de Roubaix", kind=Site.Kind.WEB_SCHOOL, city="Roubaix"),
                Site(name="École du web d'Amiens", kind=Site.Kind.WEB_SCHOOL, city="Amiens"),
                Site(name="Espace numérique de Tourcoing", kind=Site.Kind.MEDIATION, city="Tourcoing"),
            ]
        )
        sites = list(Site.objects.order_by("pk"))
        today = now.date()
        cohorts = Cohort.objects.bulk_create(
            [
                Cohort(
                    name=f"Promo {i + 1:02d}",
                    site=sites[i % len(sites)],
                    start_date=today - timedelta(days=30 + 6 * i),
                    end_date=today + timedelta(days=300 - 6 * i),
                )
                for i in range(COHORTS)
            ]
        )
        cohorts = list(Cohort.objects.order_by("pk"))
        trainers = User.objects.bulk_create(
            [
                User(
                    username=f"formateur{i:02d}",
                    first_name="Formateur",
                    last_name=f"{i:02d}",
                    role=Role.TRAINER,
                    site=cohorts[i].site,
                    password=password,
                )
                for i in range(COHORTS)
            ]
        )
        trainers = list(User.objects.filter(role=Role.TRAINER).order_by("pk"))
        User.objects.create(
            username="coordinatrice", first_name="Coordinatrice", role=Role.COORDINATOR, password=password
        )
        # Cohort 0 has exactly 30 learners, the others share the rest (33-34 each).
        sizes = [DASHBOARD_COHORT_SIZE] + [0] * (COHORTS - 1)
        for i in range(LEARNERS - DASHBOARD_COHORT_SIZE):
            sizes[1 + i % (COHORTS - 1)] += 1
        first = [
            "Amina",
            "Bastien",
            "Chloé",
            "Dylan",
            "Emma",
            "Farid",
            "Inès",
            "Jules",
            "Léa",
            "Mehdi",
            "Nora",
            "Omar",
            "Sarah",
            "Yanis",
        ]
        people, cohort_of = [], []
        for c, size in enumerate(sizes):
            for _ in range(size):
                n = len(people)
                people.append(
                    User(
                        username=f"stagiaire{n:04d}",
                        first_name=first[n % len(first)],
                        last_name=f"Nom{n:04d}",
                        role=Role.TRAINEE,
                        site=cohorts[c].site,
                        password=password,
                        shares_progress=n % 3 == 0,
                        date_joined=now - timedelta(days=rng.randint(30, 400)),
                    )
                )
                cohort_of.append(c)
        User.objects.bulk_create(people, batch_size=1000)
        learners = list(User.objects.filter(role=Role.TRAINEE).order_by("pk"))
        Cohort.learners.through.objects.bulk_create(
            [
                Cohort.learners.through(cohort_id=cohorts[c].pk, user_id=u.pk)
                for u, c in zip(learners, cohort_of, strict=False)
            ],
            batch_size=2000,
        )
        Cohort.trainers.through.objects.bulk_create(
            [
                Cohort.trainers.through(cohort_id=cohort.pk, user_id=trainer.pk)
                for cohort, trainer in zip(cohorts, trainers, strict=False)
            ]
        )
    timings["people_s"] = p.elapsed

    with phase("frameworks: 4 bundled files + a synthetic qualification (150 competences)") as p:
        frameworks = {q.code: q for q in (load_framework(path) for path in default_files())}
        synthetic = Qualification.objects.create(
            code=SYNTHETIC_CODE,
            title="Titre professionnel synthétique (benchmark)",
            kind=Qualification.Kind.RNCP,
            version="2024",
            level="Niveau 5",
            threshold=0.8,
            requires_validation=True,
        )
        blocks = Block.objects.bulk_create(
            [
                Block(
                    qualification=synthetic,
                    code=f"{SYNTHETIC_CODE}-BC{b + 1:02d}",
                    title=f"Bloc synthétique {b + 1}",
                    order=b + 1,
                )
                for b in range(len(SYNTHETIC_BLOCKS))
            ]
        )
        blocks = list(Block.objects.filter(qualification=synthetic).order_by("order"))
        Competence.objects.bulk_create(
            [
                Competence(
                    block=block,
                    code=f"{SYNTHETIC_CODE}-C{b + 1}{k + 1:02d}",
                    short=f"C{b + 1}.{k + 1}",
                    title=f"Compétence synthétique {b + 1}.{k + 1} : concevoir, réaliser et documenter un composant",
                    order=k + 1,
                )
                for b, (block, count) in enumerate(zip(blocks, SYNTHETIC_BLOCKS, strict=False))
                for k in range(count)
            ]
        )
        through = Qualification.cohorts.through
        followed = [synthetic, frameworks["RNCP37674"]]
        through.objects.bulk_create([through(qualification_id=q.pk, cohort_id=c.pk) for q in followed for c in cohorts])
        total = Competence.objects.count()
        assert total == 150, total
    timings["frameworks_s"] = p.elapsed

    def codes_of(qualification_codes):
        return list(
            Competence.objects.filter(block__qualification__code__in=qualification_codes)
            .order_by("block__qualification__code", "block__order", "order")
            .values_list("code", flat=True)
        )

    web_codes = codes_of([SYNTHETIC_CODE]) + codes_of(["RNCP37674", "RNCP31114"])  # 130
    ndb_codes = codes_of(["CRCN", "CLEA-NUM"])  # 20

    with phase("10 courses, 50 modules, 100 lessons, 300 published exercises + links") as p:
        web, ndb = Track.objects.get(slug="ecole-du-web"), Track.objects.get(slug="numerique-de-base")
        courses = Course.objects.bulk_create(
            [
                Course(
                    slug=f"web-{i + 1}",
                    title=f"École du web {i + 1}",
                    track=web,
                    summary="-",
                    status="published",
                    level="intermediaire",
                    duration_minutes=600,
                )
                for i in range(WEB_COURSES)
            ]
            + [
                Course(
                    slug=f"ndb-{i + 1}",
                    title=f"Numérique de base {i + 1}",
                    track=ndb,
                    summary="-",
                    status="published",
                    duration_minutes=120,
                )
                for i in range(NDB_COURSES)
            ]
        )
        courses = list(Course.objects.order_by("pk"))
        Module.objects.bulk_create(
            [
                Module(course=c, slug=f"m{m + 1}", title=f"Module {m + 1}", order=m + 1)
                for c in courses
                for m in range(MODULES_PER_COURSE)
            ]
        )
        modules = list(Module.objects.select_related("course").order_by("course_id", "order"))
        web_modules = [m for m in modules if m.course.track_id == web.pk]
        ndb_modules = [m for m in modules if m.course.track_id == ndb.pk]

        def spread(modules_, codes):
            """Exercises in course order; exercise i trains the competence at its place in the list, plus 0-2 nearby
            ones."""
            count = len(modules_) * EXERCISES_PER_MODULE
            rows, i = [], 0
            for module in modules_:
                for e in range(EXERCISES_PER_MODULE):
                    main = i * len(codes) // count
                    extra = rng.sample(range(max(0, main - 4), min(len(codes), main + 5)), k=rng.choice([0, 1, 1, 2]))
                    competences = list(dict.fromkeys([codes[main], *(codes[x] for x in extra)]))[:3]
                    rows.append(
                        Exercise(
                            module=module,
                            slug=f"e{e + 1}",
                            title=f"{module.course.title} · exercice {module.order}.{e + 1}",
                            kind="python",
                            statement="<p>Écrire la fonction demandée.</p>",
                            points=rng.choice([1, 1, 2, 3]),
                            order=10 + 2 * e,
                            status="published",
                            competences=competences,
                            starter={"solution.py": "def f(x):\n    pass\n"},
                            solution={"solution.py": "def f(x):\n    return x\n"},
                            tests={
                                "test_solution.py": "from solution import f\n\ndef test_f():\n    assert f(1) == 1\n"
                            },
                        )
                    )
                    i += 1
            return rows

        Exercise.objects.bulk_create(spread(web_modules, web_codes) + spread(ndb_modules, ndb_codes))
        lessons = []
        for module in modules:
            codes = web_codes if module.course.track_id == web.pk else ndb_codes
            for k in range(LESSONS_PER_MODULE):
                position = (module.order - 1) / MODULES_PER_COURSE
                lessons.append(
                    Lesson(
                        module=module,
                        slug=f"l{k + 1}",
                        title=f"Leçon {module.order}.{k + 1}",
                        status="published",
                        body="<p>…</p>",
                        duration_minutes=20,
                        order=1 + 2 * k + 10 * k,
                        competences=[codes[int(position * len(codes))]] if k == 0 else [],
                    )
                )
        Lesson.objects.bulk_create(lessons)
        exercises = list(
            Exercise.objects.select_related("module__course").order_by("module__course_id", "module__order", "order")
        )
        for exercise in exercises:
            services.sync_links(exercise=exercise)
        for lesson in Lesson.objects.exclude(competences=[]):
            services.sync_links(lesson=lesson)
        Course.cohorts.through.objects.bulk_create(
            [
                Course.cohorts.through(course_id=c.pk, cohort_id=h.pk)
                for c in courses
                if c.track_id == web.pk
                for h in cohorts
            ]
        )
    timings["content_s"] = p.elapsed
    assert len(exercises) == 300 and all(1 <= len(e.competences) <= 3 for e in exercises)
    web_exercises = [e for e in exercises if e.module.course.track_id == web.pk]
    ndb_exercises = [e for e in exercises if e.module.course.track_id == ndb.pk]

    with phase("200,000 graded submissions (bulk_create)") as p:
        cohort_level = [rng.uniform(0.15, 1.0) for _ in cohorts]
        cohort_level[0] = 0.7
        level = [min(1.0, cohort_level[c] * rng.uniform(0.6, 1.25)) for c in cohort_of]
        heavy = 0  # first learner of cohort 0
        level[heavy] = 1.0
        weights = [rng.lognormvariate(0, 0.6) for _ in learners]
        weights[heavy] = 0
        scale = (SUBMISSIONS - HEAVY_SUBMISSIONS) / sum(weights)
        counts = [int(w * scale) for w in weights]
        counts[heavy] = HEAVY_SUBMISSIONS
        leftover = SUBMISSIONS - sum(counts)
        for i in rng.sample(range(1, len(learners)), leftover):
            counts[i] += 1
        ndb_people = set(rng.sample(range(len(learners)), len(learners) // 8)) | {heavy}
        year = timedelta(days=365)
        plan = []  # (learner index, exercise index in `exercises`, created_at)
        n_web = len(web_exercises)
        for i, count in enumerate(counts):
            frontier = max(6, int(level[i] * n_web))
            recent = i < DASHBOARD_COHORT_SIZE and i % 4 != 0  # most of the dashboard cohort worked this week
            for _ in range(count):
                if i in ndb_people and rng.random() < 0.15:
                    x = n_web + rng.randrange(len(ndb_exercises))
                else:
                    x = rng.randrange(frontier)
                at = now - (
                    timedelta(days=rng.uniform(0, 6)) if recent and rng.random() < 0.2 else rng.uniform(0, 1) * year
                )
                plan.append((i, x, at))
        plan.sort(key=lambda t: (t[0], t[1], t[2]))
        assert len(plan) == SUBMISSIONS
        files = {"solution.py": "def moyenne(notes):\n    return sum(notes) / len(notes) if notes else 0\n"}
        failed_scores = [0.0, 0.2, 0.4, 0.5, 0.6, 0.75]
        previous, attempt, rows = None, 0, []
        for i, x, at in plan:
            attempt = attempt + 1 if (i, x) == previous else 1
            previous = (i, x)
            stubborn = (i + x) % 23 == 0  # a few never pass: repeated failures on the dashboard
            passed = not stubborn and rng.random() < min(0.9, 0.35 + 0.2 * attempt)
            score = 1.0 if passed else rng.choice(failed_scores)
            status = "passed" if passed else "failed"
            rows.append(
                Submission(
                    exercise_id=exercises[x].pk,
                    learner_id=learners[i].pk,
                    mode="submit",
                    attempt=attempt,
                    files=files,
                    status=status,
                    score=score,
                    final_score=score,
                    grader_version="1",
                    created_at=at,
                    queued_at=at,
                    started_at=at + timedelta(seconds=1),
                    finished_at=at + timedelta(seconds=3),
                    claimed_by="bench@host",
                    runs=1,
                    result={
                        "status": status,
                        "score": score,
                        "tests": [{"name": "test_f", "outcome": status, "message": ""}],
                    },
                )
            )
            if len(rows) == 10_000:
                Submission.objects.bulk_create(rows, batch_size=2000)
                rows = []
        Submission.objects.bulk_create(rows, batch_size=2000)
        del plan, rows
    timings["submissions_s"] = p.elapsed

    with phase("enrolments, lesson completions, attestations") as p:
        ndb_courses = [c for c in courses if c.track_id == ndb.pk]
        Enrolment.objects.bulk_create(
            [
                Enrolment(user=learners[i], course=c, created_at=now - timedelta(days=200))
                for i in sorted(ndb_people)
                for c in ndb_courses
            ]
        )
        lessons = list(
            Lesson.objects.select_related("module__course").order_by("module__course_id", "module__order", "order")
        )
        web_lessons = [lesson for lesson in lessons if lesson.module.course.track_id == web.pk]
        completions = []
        for i, learner in enumerate(learners):
            reach = int(level[i] * len(web_lessons))
            for lesson in web_lessons[:reach]:
                if rng.random() < 0.5:
                    completions.append(
                        LessonCompletion(user=learner, lesson=lesson, completed_at=now - rng.uniform(0, 1) * year)
                    )
        LessonCompletion.objects.bulk_create(completions, batch_size=5000)
        attested = rng.sample(sorted(ndb_people), 150)
        Attestation.objects.bulk_create(
            [
                Attestation(
                    user=learners[i],
                    course=ndb_courses[0],
                    learner_name=learners[i].get_full_name(),
                    course_title=ndb_courses[0].title,
                    duration_minutes=120,
                    issued_at=now - rng.uniform(0, 1) * year,
                )
                for i in attested
            ]
        )
    timings["completions_s"] = p.elapsed
    print(f"    ({len(completions)} lesson completions, {len(attested)} attestations)")

    with phase("recompute() — evidence and states from scratch") as p:
        written = services.recompute()
    timings["recompute_s"] = p.elapsed
    print(f"    ({written} learner × competence states written, {ProgressEvent.objects.count()} events)")

    with phase("validations and observations; events spread over 12 months") as p:
        from progress.models import CompetenceProgress, State

        for c, _cohort in enumerate(cohorts):
            trainer = trainers[c]
            members = [learners[i] for i in range(len(learners)) if cohort_of[i] == c][:3]
            for learner in members:
                acquired = list(
                    CompetenceProgress.objects.filter(
                        user=learner,
                        state=State.ACQUIRED,
                        competence__block__qualification__in=followed,
                    )
                    .select_related("competence")
                    .order_by("competence__block__order", "competence__order")[
                        : 8 if learner.pk != learners[heavy].pk else 25
                    ]
                )
                for progress in acquired:
                    services.competence_validate(
                        user=learner, competence=progress.competence, by=trainer, comment="Vu en atelier."
                    )
        synthetic_competences = list(Competence.objects.filter(block__qualification=synthetic)[:5])
        for competence in synthetic_competences:
            services.observation_add(
                user=learners[heavy],
                competence=competence,
                by=trainers[0],
                note="Présentation orale du projet : claire et argumentée.",
            )
        # recompute() stamped every event "now": spread them over the year, as a live platform would have them.
        ids = list(ProgressEvent.objects.values_list("pk", flat=True))
        buckets = defaultdict(list)
        for pk in ids:
            buckets[rng.randrange(12)].append(pk)
        for month, pks in buckets.items():
            for part in chunks(pks, 5000):
                ProgressEvent.objects.filter(pk__in=part).update(
                    created_at=now - timedelta(days=30 * month + rng.uniform(0, 29))
                )
    timings["validations_s"] = p.elapsed

    with phase("ANALYZE") as p, connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    timings["analyze_s"] = p.elapsed
    timings["build_s"] = sum(timings.values())
    return {"timings": timings, **locate()}


def locate():
    """The people and exercises measured, in a database built by build()."""
    from accounts.models import Cohort, Role, User
    from exercises.models import Exercise

    cohort = Cohort.objects.order_by("pk").first()
    exercises = Exercise.objects.order_by("module__course_id", "module__order", "order")

    def linked_to_two_or_three(track):
        return next(e for e in exercises.filter(module__course__track__slug=track) if 2 <= len(e.competences) <= 3)

    return {
        "coordinator": User.objects.filter(role=Role.COORDINATOR).order_by("pk").first(),
        "trainer": cohort.trainers.order_by("pk").first(),
        "cohort": cohort,
        "heavy": User.objects.get(username="stagiaire0000"),
        "cohort_learners": list(cohort.learners.order_by("pk")),
        "web_exercise": linked_to_two_or_three("ecole-du-web"),
        "ndb_exercise": linked_to_two_or_three("numerique-de-base"),
    }


# ---------------------------------------------------------------- measuring


def budgeted_runs(first_ms):
    """N runs, unless one run is so slow that N would take more than BENCH_BUDGET seconds (default 240): then at
    least 5."""
    budget_ms = float(os.environ.get("BENCH_BUDGET", "240")) * 1000
    return min(N, max(5, int(budget_ms // max(first_ms, 1))))


def measure(fn, before=None):
    """Timings (ms) and query counts of fn(), after one untimed warm-up run."""
    if before is not None:
        before()
    start = time.perf_counter()
    fn()
    runs = budgeted_runs((time.perf_counter() - start) * 1000)
    times, queries = [], []
    for _ in range(runs):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            elapsed = (time.perf_counter() - start) * 1000
        times.append(elapsed)
        queries.append(len(ctx.captured_queries))
    return times, queries


def diagnose(fn, before=None):
    """One run: where the time goes (SQL by query, repeated SQL shapes, hottest Python functions)."""
    captured = []

    def timer(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append(((time.perf_counter() - start) * 1000, sql, params))

    if before is not None:
        before()
    with connection.execute_wrapper(timer):
        start = time.perf_counter()
        fn()
        total = (time.perf_counter() - start) * 1000
    sql_ms = sum(t for t, _, _ in captured)
    print(
        f"      diagnosis (one run): {total:.0f} ms in all, {sql_ms:.0f} ms executing {len(captured)} SQL queries, "
        f"{total - sql_ms:.0f} ms in Python (fetching rows, ORM, loops, templates)"
    )
    for t, sql, _params in sorted(captured, key=lambda item: -item[0])[:4]:
        print(f"        {t:8.1f} ms  {sql[:420]}{'…' if len(sql) > 420 else ''}")
    shapes = Counter(sql for _, sql, _ in captured)
    for shape, n in shapes.most_common(3):
        if n > 2:
            short = re.sub(r"^SELECT .*? FROM", "SELECT … FROM", shape, count=1, flags=re.S)
            print(f"        repeated {n}× (same SQL, other parameters): {short[:300]}")
    if before is not None:
        before()
    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(12)
    lines = [line for line in out.getvalue().splitlines() if re.match(r"\s+\d", line)]
    print("        cProfile, top functions by own time (ncalls tottime percall cumtime percall function):")
    for line in lines[:12]:
        print("          " + re.sub(str(ROOT) + "/", "", line.replace(str(ROOT / ".venv" / "lib"), "…")).strip())
    rendering = sum(
        ct
        for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items()
        if filename.endswith("django/shortcuts.py") and name == "render"
    )
    if rendering:
        print(
            f"        template rendering (django.shortcuts.render, under cProfile): {rendering * 1000:.0f} ms "
            f"of {stats.total_tt * 1000:.0f} ms profiled"
        )
    ours = io.StringIO()
    pstats.Stats(profiler, stream=ours).sort_stats("cumulative").print_stats(
        r"/(progress|exercises|courses|accounts)/(services|selectors|views)(/\w+)?\.py", 8
    )
    lines = [line for line in ours.getvalue().splitlines() if re.match(r"\s+\d", line)]
    print("        cProfile, project functions by cumulative time:")
    for line in lines[:8]:
        print("          " + line.replace(str(ROOT) + "/", "").strip())


RESULTS = []


def report(name, times, queries, *, aim_ms, aim_queries=None, fn=None, before=None, size=None):
    median, p95 = statistics.median(times), pct(times, 95)
    q_max = max(queries)
    ok_time = median < aim_ms
    ok_queries = aim_queries is None or q_max <= aim_queries
    q_text = f"{q_max:4d} queries" + (
        f" (aim ≤ {aim_queries}: {'ok' if ok_queries else 'over'})" if aim_queries else ""
    )
    print(
        f"  {name:<44} median {median:8.1f} ms   p95 {p95:8.1f} ms   (n={len(times)})   "
        f"aim < {aim_ms} ms: {'ok' if ok_time else 'over':<4}   {q_text}" + (f"   {size / 1000:.0f} kB" if size else "")
    )
    if min(queries) != q_max:
        print(f"      (queries varied between runs: {min(queries)}-{q_max})")
    RESULTS.append(
        {
            "name": name,
            "median_ms": round(median, 1),
            "p95_ms": round(p95, 1),
            "n": len(times),
            "queries": q_max,
            "aim_ms": aim_ms,
            "aim_queries": aim_queries,
            "ok": ok_time and ok_queries,
            "bytes": size,
        }
    )
    if not (ok_time and ok_queries) and fn is not None and os.environ.get("BENCH_DIAGNOSE", "1") != "0":
        diagnose(fn, before)


def page(client, url):
    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        # The CSV export and pages are fully produced here (HttpResponse, not streaming).
        return response

    return get


def main():
    from exercises.models import Submission
    from progress import services
    from progress.models import ActivityLink, CompetenceProgress, Evidence

    started = time.perf_counter()
    db = settings.DATABASES["default"]
    print(
        f"Tremplin progress benchmark — {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, "
        f"database {db['ENGINE'].rsplit('.', 1)[-1]}, n={N}, Django DEBUG={settings.DEBUG}"
    )
    if REUSE:
        call_command("migrate", verbosity=0)
        world, t = locate(), {}
        print(f"No build: reusing the database {'kept in ' + str(VAR) if REUSE_FOLDER else 'of BENCH_DATABASE_URL'}")
    else:
        world = build()
        t = world["timings"]
        print(
            f"Build total: {t['build_s']:.1f} s (submissions {t['submissions_s']:.1f} s, recompute() "
            f"{t['recompute_s']:.1f} s)"
        )
    print(
        f"  volumes: {Submission.objects.count()} submissions, {Evidence.objects.count()} evidence rows, "
        f"{CompetenceProgress.objects.count()} competence states, {ActivityLink.objects.count()} links; "
        f"heavy learner {world['heavy'].username}: {Submission.objects.filter(learner=world['heavy']).count()} "
        "submissions"
    )

    print(
        f"\nPages (server time in process, aims: median < {PAGE_AIM_MS} ms and ≤ {PAGE_AIM_QUERIES} queries); "
        f"load average now {os.getloadavg()[0]:.1f}:"
    )
    learner_client = Client(HTTP_HOST="localhost")
    learner_client.force_login(world["heavy"])
    trainer_client = Client(HTTP_HOST="localhost")
    trainer_client.force_login(world["trainer"])
    coordinator_client = Client(HTTP_HOST="localhost")
    coordinator_client.force_login(world["coordinator"])
    cohort = world["cohort"]
    query = f"?qualification={SYNTHETIC_CODE}"
    pages = [
        ("« Mon parcours » (3,000 submissions)", learner_client, reverse("progress:my_path")),
        (
            "cohort dashboard (30 × 114 competences)",
            trainer_client,
            reverse("progress:cohort_dashboard", args=[cohort.pk]) + query,
        ),
        ("cohort CSV export (30 × 114)", trainer_client, reverse("progress:cohort_export", args=[cohort.pk]) + query),
        ("indicators ?par=site", coordinator_client, reverse("progress:indicators") + "?par=site"),
        ("indicators ?par=cohort", coordinator_client, reverse("progress:indicators") + "?par=cohort"),
        ("indicators ?par=track", coordinator_client, reverse("progress:indicators") + "?par=track"),
    ]
    for name, client, url in pages:
        fn = page(client, url)
        size = len(fn().content)
        times, queries = measure(fn)
        report(name, times, queries, aim_ms=PAGE_AIM_MS, aim_queries=PAGE_AIM_QUERIES, fn=fn, size=size)

    print(
        "\nIncremental update after a grading: progress.services.submission_graded(submission) (aim: median < "
        f"{UPDATE_AIM_MS} ms):"
    )
    for label, exercise in (
        ("École du web exercise", world["web_exercise"]),
        ("Numérique de base exercise (attestation check)", world["ndb_exercise"]),
    ):
        learners = world["cohort_learners"]
        state = {"i": 0, "submission": None}

        def fresh(learners=learners, state=state, exercise=exercise):
            learner = learners[state["i"] % len(learners)]
            state["i"] += 1
            score = rng.choice([0.4, 0.75, 1.0])
            now = timezone.now()
            state["submission"] = Submission.objects.create(
                exercise=exercise,
                learner=learner,
                mode="submit",
                attempt=1,
                status="passed" if score == 1 else "failed",
                score=score,
                final_score=score,
                created_at=now,
                queued_at=now,
                finished_at=now,
                runs=1,
            )

        def graded(
            state=state,
        ):  # as a worker calls it: autocommit outside, submission_graded opens its own transaction
            services.submission_graded(state["submission"])

        times, queries = measure(graded, before=fresh)
        report(
            f"{label}, {len(exercise.competences)} competences",
            times,
            queries,
            aim_ms=UPDATE_AIM_MS,
            fn=graded,
            before=fresh,
        )

    over = [r["name"] for r in RESULTS if not r["ok"]]
    print(
        f"\n{len(RESULTS) - len(over)} of {len(RESULTS)} figures within their aims"
        + (f"; over: {', '.join(over)}" if over else ".")
    )
    print(f"Total time {time.perf_counter() - started:.0f} s")
    print("\n" + json.dumps({"build": {k: round(v, 1) for k, v in t.items()}, "figures": RESULTS}, ensure_ascii=False))


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        if os.environ.get("BENCH_KEEP") or REUSE_FOLDER:
            print(f"Kept the throw-away folder {VAR} (BENCH_KEEP is set).")
        else:
            shutil.rmtree(VAR, ignore_errors=True)
