"""Grading benchmark: latency, throughput and sandbox overhead, measured on this machine.

    make bench                      # embedded default (SQLite, filesystem broker)
    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 make bench    # with Redis

Uses a throw-away database and broker folder in a temporary directory; starts two real
Celery worker processes (concurrency 1 each). Prints figures and the ratios the grading
issue asks for. Not a test: nothing here fails on a slow machine.
"""

import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = Path(tempfile.mkdtemp(prefix="tremplin-bench-"))
os.environ["TREMPLIN_VAR_DIR"] = str(VAR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

N = int(os.environ.get("BENCH_N", "30"))
EXAMPLES = ROOT / "tests" / "exercises" / "examples"


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary(name, values_ms):
    print(
        f"  {name:<52} median {statistics.median(values_ms):7.1f} ms   p95 {pct(values_ms, 95):7.1f} ms   "
        f"(n={len(values_ms)})"
    )
    return statistics.median(values_ms)


def timed(fn, n=N, pause=0.0):
    out = []
    for _ in range(n):
        time.sleep(pause)
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def setup():
    call_command("migrate", verbosity=0)
    from accounts.models import Role, User
    from courses.models import Course, Module, Track
    from tests.exercises.conftest import load_exercise

    track = Track.objects.get(slug="numerique-de-base")
    course = Course.objects.create(slug="bench", title="Bench", track=track, summary="-", status="published")
    module = Module.objects.create(course=course, slug="m", title="M")
    learner = User.objects.create_user("bench", password="x", role=Role.RESIDENT)
    return (
        learner,
        load_exercise(module, "moyenne"),
        load_exercise(module, "livres-recents"),
        load_exercise(module, "quiz-arnaques"),
    )


def start_workers(count=2):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--loglevel=WARNING",
                "--concurrency=1",
                f"--hostname=bench{i}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for i in range(1, count + 1)
    ]


def wait_done(ids, timeout=300):
    from exercises.models import Submission

    deadline = time.monotonic() + timeout
    while Submission.objects.filter(pk__in=ids, status__in=Submission.PENDING).exists():
        if time.monotonic() > deadline:
            raise RuntimeError("grading did not finish")
        time.sleep(0.005)


def main():
    from exercises import sandbox, services
    from exercises.kinds.common import materialise
    from exercises.kinds.javascript import grader as javascript_grader
    from exercises.kinds.python import grader as python_grader
    from exercises.models import Submission
    from exercises.spec import read_exercise

    learner, python_ex, sql_ex, quiz_ex = setup()
    spec = python_ex.spec()
    solution = dict(spec.solution)
    sql_solution = dict(sql_ex.spec().solution)
    print(
        f"Tremplin grading benchmark — {os.cpu_count()} cores, broker "
        f"{django.conf.settings.CELERY_BROKER_URL.split('://')[0]}, "
        f"database {django.conf.settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, n={N}"
    )

    print("\nSandbox cost (same command, with and without bubblewrap):")
    python = str(ROOT / ".sandbox-venv" / "bin" / "python")
    with materialise(solution) as work, materialise(spec.tests) as tests_dir:
        bare_pass = summary("python -c pass, bare", timed(lambda: subprocess.run([python, "-c", "pass"], check=True)))
        boxed_pass = summary(
            "python -c pass, in the sandbox",
            timed(lambda: sandbox.run(["/sandbox/python/bin/python", "-c", "pass"], files_dir=work)),
        )
        bare_cmd = [
            python,
            "-m",
            "pytest",
            "-c",
            str(sandbox.RUNNER_DIR / "pytest.ini"),
            f"--rootdir={tests_dir}",
            "-q",
            str(tests_dir),
        ]
        bare_env = {"PYTHONPATH": f"{work}", "PATH": "/usr/bin:/bin", "HOME": str(work)}
        bare_pytest = summary(
            "pytest on the exercise's 3 tests, bare (one process, no isolation)",
            timed(lambda: subprocess.run(bare_cmd, cwd=work, env=bare_env, stdout=subprocess.DEVNULL, check=True)),
        )

    print("\nPython grading run (tests and learner's code in two sandboxes, two uids):")

    def python_cold():
        python_grader._spare = None
        assert python_grader.grade(spec, solution).status == "passed"

    def python_warm():
        python_grader.prepare_if_used()
        time.sleep(0.5)  # a worker between two tasks: its spare pair has started
        start = time.perf_counter()
        assert python_grader.grade(spec, solution).status == "passed"
        return (time.perf_counter() - start) * 1000

    python_grader._used = True
    cold_pair = summary("graded, pair started for it", timed(python_cold))
    warm_pair = summary("graded, pair started ahead (a worker's spare)", [python_warm() for _ in range(N)])
    if python_grader._spare is not None:
        python_grader._spare.discard()
        python_grader._spare = None
    python_grader._used = False

    print("\nJavaScript grading run (each test file and the learner's module in two sandboxes):")
    js_spec = read_exercise(EXAMPLES / "majuscules")
    with materialise(dict(js_spec.solution)) as work, materialise(js_spec.tests) as tests_dir:
        node_env = {"NODE_PATH": str(work), "PATH": "/usr/bin:/bin", "HOME": str(work)}
        bare_node = summary(
            "node --test on the exercise's test files, bare",
            timed(
                lambda: subprocess.run(
                    ["/usr/bin/node", "--test", str(tests_dir)],
                    cwd=work,
                    env=node_env,
                    stdout=subprocess.DEVNULL,
                    check=True,
                )
            ),
        )
    js_run = summary(
        "graded, pairs started for it (side by side)",
        timed(lambda: javascript_grader.grade(js_spec, dict(js_spec.solution))),
    )

    def javascript_warm():
        javascript_grader.prepare_if_used()
        time.sleep(0.6)  # a worker between two tasks: its spare pair has started
        start = time.perf_counter()
        assert javascript_grader.grade(js_spec, dict(js_spec.solution)).status == "passed"
        return (time.perf_counter() - start) * 1000

    js_warm = summary(
        "graded, first file's pair started ahead (a worker's spare)", [javascript_warm() for _ in range(N)]
    )
    if javascript_grader._spare is not None:
        javascript_grader._spare.discard()
        javascript_grader._spare = None
    javascript_grader._used = False

    print("\nQuiz (graded in the web process):")
    quiz = summary(
        "submit -> result",
        timed(
            lambda: services.submission_create(exercise=quiz_ex, learner=learner, mode="submit", answers={"q0": "0"})
        ),
    )

    workers = start_workers(2)
    try:
        time.sleep(4)
        warm = services.submission_create(exercise=python_ex, learner=learner, mode="check", files=solution)
        wait_done([warm.pk], timeout=120)

        e2e_ids = []

        def one(exercise, files):
            submission = services.submission_create(exercise=exercise, learner=learner, mode="check", files=files)
            e2e_ids.append(submission.pk)
            wait_done([submission.pk])

        print("\nThrough the queue, warm workers (submit -> result stored):")
        # As learners submit: a submission reaches a worker that is idle, its spare pair started.
        python_e2e = summary("Python exercise, 0.5 s apart", timed(lambda: one(python_ex, solution), pause=0.5))
        phases = Submission.objects.filter(pk__in=e2e_ids).values_list("queued_at", "started_at", "finished_at")
        waits = [(started - queued).total_seconds() * 1000 for queued, started, _finished in phases]
        runs = [(finished - started).total_seconds() * 1000 for _queued, started, finished in phases]
        print(
            f"    of which: queued -> claimed by a worker {statistics.median(waits):.0f} ms (median), "
            f"claimed -> result stored {statistics.median(runs):.0f} ms"
        )
        # Back to back: the next submission arrives while the worker is still starting its next pair.
        back_to_back = summary("Python exercise, back to back", timed(lambda: one(python_ex, solution)))
        sql_e2e = summary("SQL exercise", timed(lambda: one(sql_ex, sql_solution)))

        batch = max(40, N)
        start = time.perf_counter()
        ids = [
            services.submission_create(exercise=python_ex, learner=learner, mode="check", files=solution).pk
            for _ in range(batch)
        ]
        wait_done(ids)
        elapsed = time.perf_counter() - start
        rate = batch / elapsed
        nodes = Submission.objects.filter(pk__in=ids).values_list("claimed_by", flat=True)
        per_node = dict(collections.Counter(n.split("@")[0] for n in nodes))  # node@host:pid:run
        twice = Submission.objects.filter(pk__in=ids, runs__gt=1).count()
        print(
            f"\nThroughput, two worker processes: {batch} Python gradings in {elapsed:.1f} s = {rate:.1f} per second "
            f"(per node {per_node}, graded twice: {twice})"
        )
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)

    figures = {
        "sandbox_overhead_ms": round(boxed_pass - bare_pass, 1),
        "python_grading_cold_ms": round(cold_pair, 1),
        "python_grading_warm_ms": round(warm_pair, 1),
        "python_grading_warm_over_bare_pytest": round(warm_pair / bare_pytest, 2),
        "javascript_grading_ms": round(js_run, 1),
        "javascript_grading_over_bare_node_test": round(js_run / bare_node, 2),
        "javascript_grading_warm_ms": round(js_warm, 1),
        "javascript_grading_warm_over_bare_node_test": round(js_warm / bare_node, 2),
        "quiz_median_ms": round(quiz, 1),
        "python_e2e_median_ms": round(python_e2e, 1),
        "python_e2e_back_to_back_median_ms": round(back_to_back, 1),
        "sql_e2e_median_ms": round(sql_e2e, 1),
        "python_e2e_over_bare_pytest": round(python_e2e / bare_pytest, 2),
        "python_gradings_per_second_two_workers": round(rate, 1),
    }
    print("\nRatios and targets:")
    print(f"  sandbox overhead: {figures['sandbox_overhead_ms']} ms on python -c pass (target < 30 ms)")
    print(
        f"  Python grading run with a spare pair / bare pytest: {figures['python_grading_warm_over_bare_pytest']}x "
        "(target <= 1.0x)"
    )
    print(
        f"  JavaScript grading run / bare node --test: {figures['javascript_grading_over_bare_node_test']}x cold, "
        f"{figures['javascript_grading_warm_over_bare_node_test']}x with a spare (target <= 1.3x)"
    )
    print(f"  quiz: {figures['quiz_median_ms']} ms (target < 50 ms)")
    print(
        f"  Python end to end / bare pytest: {figures['python_e2e_over_bare_pytest']}x; median "
        f"{figures['python_e2e_median_ms']} ms "
        f"(target <= 150 ms); back to back {figures['python_e2e_back_to_back_median_ms']} ms"
    )
    print(
        f"  Python gradings per second, two workers: {figures['python_gradings_per_second_two_workers']} (target >= 6)"
    )
    print("\n" + json.dumps(figures))


if __name__ == "__main__":
    main()
