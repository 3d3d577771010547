"""Web-exercise benchmark: latency of the html, dom and javascript graders, and the memory of a
worker with its browser, measured on this machine.

    .venv/bin/python bench/web.py           # BENCH_N=30 runs per figure by default
    BENCH_N=10 .venv/bin/python bench/web.py

Uses a throw-away database and broker folder in a temporary directory. Grades in this process
(the graders called directly, as a worker does), with the sandboxed headless Chromium of
exercises/browser.py; then starts one real Celery worker (concurrency 1) that grades a few web
submissions, and sums the PSS of its processes and of its sandboxed browser's.
"Warm" means `browser.prepare()` ran before the timed grading, as a worker does between tasks.
Not a test: figures over their aim are printed as "over", the script still exits 0.
"""

import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = Path(tempfile.mkdtemp(prefix="tremplin-bench-web-"))
os.environ["TREMPLIN_VAR_DIR"] = str(VAR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()


from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

N = int(os.environ.get("BENCH_N", "30"))
EXAMPLES = ROOT / "tests" / "exercises" / "examples"
NODE = "/usr/bin/node"


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary(name, values_ms, aim=None):
    median = statistics.median(values_ms)
    verdict = ""
    if aim is not None:
        verdict = f"   aim < {aim:g} ms: {'ok' if median < aim else 'over'}"
    print(f"  {name:<58} median {median:7.1f} ms   p95 {pct(values_ms, 95):7.1f} ms   (n={len(values_ms)}){verdict}")
    return median


def timed(fn, n=N, before=None):
    """n timings of fn() in ms; before() runs untimed ahead of each one."""
    out = []
    for _ in range(n):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def interleaved(fns, n=N):
    """{name: n timings in ms}, the functions taking turns (fairer when the machine's load drifts)."""
    out = {name: [] for name in fns}
    for _ in range(n):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            out[name].append((time.perf_counter() - start) * 1000)
    return out


def expect(result, status="passed"):
    if result.status != status:
        raise RuntimeError(f"unexpected grading result: {result.status} {result.reason} {result.message}")
    return result


def structure_only(spec):
    """The exercise with only its parser checks (element, valid, accessible) kept in checks.toml."""
    from exercises.kinds.web import grader as web

    text = spec.tests["checks.toml"]
    blocks, current = [], []
    for line in text.splitlines(keepends=True):
        if line.strip().startswith("[[check]]") and current:
            blocks.append("".join(current))
            current = []
        current.append(line)
    blocks.append("".join(current))
    kept = [b for b in blocks if tomllib.loads(b).get("check", [{}])[0].get("type") in web.STATIC_TYPES]
    return replace(spec, tests={"checks.toml": "".join(kept)})


# ---------------------------------------------------------------- where the time goes


class Profile:
    """Wraps browser.run and PageSession.load (in this process only) to split a grading's time."""

    def __init__(self):
        from exercises import browser

        self.browser = browser
        self.original_run = browser.run
        self.original_load = browser.PageSession.load
        self.reset()

    def reset(self):
        self.run_ms = self.job_ms = self.load_ms = 0.0

    def __enter__(self):
        profile = self

        def run(job, files, **kwargs):
            def timed_job(session):
                start = time.perf_counter()
                try:
                    return job(session)
                finally:
                    profile.job_ms += (time.perf_counter() - start) * 1000

            start = time.perf_counter()
            try:
                return profile.original_run(timed_job, files, **kwargs)
            finally:
                profile.run_ms += (time.perf_counter() - start) * 1000

        def load(session, name="index.html"):
            start = time.perf_counter()
            try:
                return profile.original_load(session, name)
            finally:
                profile.load_ms += (time.perf_counter() - start) * 1000

        self.browser.run = run
        self.browser.PageSession.load = load
        return self

    def __exit__(self, *exc):
        self.browser.run = self.original_run
        self.browser.PageSession.load = self.original_load


def breakdown(name, grade, before):
    """Median split of one grading: outside the browser, browser thread hand-off and context
    open/close, page loads, checks (and screenshots) on the loaded page."""
    rows = []
    with Profile() as profile:
        for _ in range(N):
            before()
            profile.reset()
            start = time.perf_counter()
            grade()
            total = (time.perf_counter() - start) * 1000
            rows.append(
                (
                    total - profile.run_ms,
                    profile.run_ms - profile.job_ms,
                    profile.load_ms,
                    profile.job_ms - profile.load_ms,
                )
            )
    parts = [statistics.median(column) for column in zip(*rows, strict=False)]
    print(
        f"  {name}: outside the browser {parts[0]:.1f} ms, context open/close + hand-off {parts[1]:.1f} ms, "
        f"page loads {parts[2]:.1f} ms, checks on the page {parts[3]:.1f} ms (medians)"
    )


# ---------------------------------------------------------------- memory


def proc_table():
    """{pid: (ppid, uid, comm, start time)} of every process."""
    table = {}
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            stat = (pid_dir / "stat").read_text()
            uid = pid_dir.stat().st_uid
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        table[int(pid_dir.name)] = (int(fields[1]), uid, comm, fields[19])
    return table


def descendants(root, table):
    children = {}
    for pid, (ppid, *_rest) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in table:
            found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def pss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def is_sandbox_uid(uid):
    return settings.SANDBOX_BASE_UID <= uid < settings.SANDBOX_BASE_UID + settings.SANDBOX_SLOTS


def tree_memory(root):
    """(worker KiB, browser KiB, {comm: KiB}, processes) for root and its descendants: the
    browser's processes are those under a sandbox slot's uid."""
    table = proc_table()
    pids = descendants(root, table)
    worker = browser = 0
    by_name = {}
    for pid in pids:
        kib = pss_kib(pid)
        _ppid, uid, comm, _start = table[pid]
        label = f"{comm} (sandbox uid)" if is_sandbox_uid(uid) else comm
        by_name[label] = by_name.get(label, 0) + kib
        if is_sandbox_uid(uid):
            browser += kib
        else:
            worker += kib
    return worker, browser, by_name, {pid: table[pid] for pid in pids}


def setup():
    call_command("migrate", verbosity=0)
    from accounts.models import Role, User
    from courses.models import Course, Module, Track
    from tests.exercises.conftest import load_exercise

    track = Track.objects.get(slug="numerique-de-base")
    course = Course.objects.create(slug="bench-web", title="Bench web", track=track, summary="-", status="published")
    module = Module.objects.create(course=course, slug="m", title="M")
    learner = User.objects.create_user("bench", password="x", role=Role.RESIDENT)
    return learner, load_exercise(module, "carte-visite"), load_exercise(module, "menu-burger")


WORKER_LOG = VAR / "worker.log"


def start_worker():
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(WORKER_LOG, "ab") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--loglevel=WARNING",
                "--concurrency=1",
                "--hostname=benchweb@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


class WorkerDied(Exception):
    pass


def wait_done(ids, timeout=300, worker=None):
    from exercises.models import Submission

    deadline = time.monotonic() + timeout
    while Submission.objects.filter(pk__in=ids, status__in=Submission.PENDING).exists():
        if worker is not None and worker.poll() is not None:
            raise WorkerDied(last_error())
        if time.monotonic() > deadline:
            raise RuntimeError("grading did not finish")
        time.sleep(0.01)


def last_error():
    try:
        lines = [line for line in WORKER_LOG.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return "?"
    critical = [line for line in lines if "CRITICAL" in line or "ERROR" in line]
    return (critical[-1] if critical else lines[-1] if lines else "?").strip()[:200] + (
        f" / {lines[-1].strip()[:200]}" if critical and lines else ""
    )


def track(worker, seen):
    """Remember the worker's process tree (pid -> start time) to clean up after it."""
    table = proc_table()
    seen.update({pid: table[pid] for pid in descendants(worker.pid, table)})


def stop_worker(worker, seen):
    """Stop the worker; then kill, one by one, any process of its tree still alive (same pid and
    start time as seen while it ran: never a stranger that reused a pid)."""
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)
    deadline = time.monotonic() + 5  # the browser and its driver exit once the worker's pipes close
    while True:
        table = proc_table()
        left = [pid for pid, info in seen.items() if pid in table and table[pid][3] == info[3]]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return left


def print_memory(worker_kib, browser_kib, by_name, procs, label):
    total_mb = (worker_kib + browser_kib) / 1024
    browser_procs = sum(1 for info in procs.values() if is_sandbox_uid(info[1]))
    print(
        f"  {label} {worker_kib / 1024:.0f} MB + browser {browser_kib / 1024:.0f} MB = total {total_mb:.0f} MB (PSS)   "
        f"aim < 600 MB: {'ok' if total_mb < 600 else 'over'}"
    )
    print(
        f"  {len(procs)} processes, {browser_procs} of them under a slot uid; PSS in MB by process name: "
        + ", ".join(f"{name} {kib / 1024:.0f}" for name, kib in sorted(by_name.items(), key=lambda kv: -kv[1]))
    )
    if browser_procs == 0:
        print("  (no browser process found: the figure covers the Python side alone)")
    return total_mb


def memory(learner, card_ex, menu_ex):
    """PSS of a real worker (concurrency 1) and its browser after a few web gradings; {} if the
    worker could not be measured."""
    from exercises import services
    from exercises.models import Submission

    print("\nMemory of a worker with its browser (one Celery worker, concurrency 1, after web gradings):")
    seen, crashes, leftovers = {}, [], []
    worker = start_worker()
    try:
        time.sleep(3)
        card, menu = dict(card_ex.solution), dict(menu_ex.solution)
        jobs = [
            (card_ex, "check", card),
            (card_ex, "submit", card),
            (menu_ex, "check", menu),
            (menu_ex, "submit", menu),
        ] * 2
        start = time.perf_counter()
        ids = []
        for exercise, mode, files in jobs:
            submission = services.submission_create(exercise=exercise, learner=learner, mode=mode, files=files)
            for attempt in range(3):
                try:
                    wait_done([submission.pk], timeout=180, worker=worker)
                    break
                except WorkerDied as exc:
                    # Seen on this machine: kombu's filesystem transport reads a message file the
                    # producer has created but not yet written (kombu#1551) and the worker exits.
                    crashes.append(str(exc))
                    leftovers.extend(stop_worker(worker, seen))
                    if attempt == 2:
                        raise
                    worker = start_worker()
                    time.sleep(3)
                    services.submission_enqueue(submission.pk)  # its message may have been the lost one
            track(worker, seen)
            ids.append(submission.pk)
        elapsed = time.perf_counter() - start
        statuses = list(Submission.objects.filter(pk__in=ids).values_list("status", flat=True))
        print(
            f"  graded {len(ids)} web submissions through the queue in {elapsed:.1f} s (the first one starts the "
            "browser); "
            f"statuses: {', '.join(sorted(set(statuses)))}"
        )
        time.sleep(1.5)  # the spare page the worker prepares after its last task
        samples = []
        for _ in range(3):
            sample = tree_memory(worker.pid)
            seen.update(sample[3])
            samples.append(sample)
            time.sleep(0.3)
        worker_kib, browser_kib, by_name, procs = max(samples, key=lambda s: s[0] + s[1])
        total_mb = print_memory(worker_kib, browser_kib, by_name, procs, "worker")
        return {
            "worker_mb": round(worker_kib / 1024),
            "browser_mb": round(browser_kib / 1024),
            "total_mb": round(total_mb),
        }
    except Exception as exc:  # noqa: BLE001 - a benchmark: report and go on
        print(f"  could not measure a worker: {exc!r}")
        return {}
    finally:
        left = leftovers + stop_worker(worker, seen)
        if crashes:
            print(f"  the worker process exited {len(crashes)} time(s) and was restarted: {crashes[0]}")
        if left:
            names = ", ".join(f"{pid} {seen[pid][2]} uid {seen[pid][1]}" for pid in sorted(left))
            print(f"  (killed {len(left)} process(es) still alive 5 s after the worker stopped: {names})")


# ---------------------------------------------------------------- main


def bare_node(solution, tests):
    """A `node --test` of the same files without the sandbox, environment cleared as in the sandbox."""
    folder = Path(tempfile.mkdtemp(prefix="tremplin-bench-node-"))
    work, tests_dir = folder / "work", folder / "tests"
    for base, files in ((work, solution), (tests_dir, tests)):
        for name, text in files.items():
            path = base / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    env = {"PATH": "/usr/bin:/bin", "NODE_PATH": str(work)}

    def run(**extra):
        subprocess.run(
            [NODE, "--test", str(tests_dir)], cwd=work, env={**env, **extra}, stdout=subprocess.DEVNULL, check=True
        )

    return folder, run


def main():
    from exercises import browser
    from exercises.kinds.javascript import grader as javascript
    from exercises.kinds.web import grader as web
    from exercises.spec import read_exercise

    print(
        f"Tremplin web-exercise benchmark — {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}, "
        f"broker {settings.CELERY_BROKER_URL.split('://')[0]}, n={N}"
    )
    learner, card_ex, menu_ex = setup()
    card = read_exercise(EXAMPLES / "carte-visite")
    menu = read_exercise(EXAMPLES / "menu-burger")
    upper = read_exercise(EXAMPLES / "majuscules")
    card_files, menu_files, upper_files = dict(card.solution), dict(menu.solution), dict(upper.solution)
    static_card = structure_only(card)
    figures = {}
    node_folder = None
    try:
        print("\nHTML, structure only (element/valid/accessible: the parser, no browser):")
        static_checks = len(web.checks_of(static_card))
        expect(web.grade(static_card, card_files))
        figures["html_structure_ms"] = summary(
            f"carte-visite, its {static_checks} parser checks",
            timed(lambda: expect(web.grade(static_card, card_files))),
            aim=50,
        )

        print("\nHTML with browser checks (carte-visite), in this process:")
        start = time.perf_counter()
        expect(web.grade(card, card_files, public_only=True))
        print(f"  first grading (starts the sandboxed browser): {(time.perf_counter() - start) * 1000:.0f} ms")
        for _ in range(3):  # warm-up, untimed
            browser.prepare()
            expect(web.grade(card, card_files))
        public = len(web.checks_of(card, public_only=True))
        every = len(web.checks_of(card))
        prepare = browser.prepare
        figures["html_check_warm_ms"] = summary(
            f"« Vérifier » ({public} public checks), warm",
            timed(lambda: expect(web.grade(card, card_files, public_only=True)), before=prepare),
            aim=300,
        )
        figures["html_submit_warm_ms"] = summary(
            f"submit ({every} checks, no screenshots), warm",
            timed(lambda: expect(web.grade(card, card_files)), before=prepare),
            aim=300,
        )
        figures["html_check_cold_ms"] = summary(
            "« Vérifier », cold context (no prepare())",
            timed(lambda: expect(web.grade(card, card_files, public_only=True))),
        )
        figures["html_submit_cold_ms"] = summary(
            "submit, no screenshots, cold context (no prepare())", timed(lambda: expect(web.grade(card, card_files)))
        )

        print("\nHTML graded as a submission with screenshots (375 and 1280 px), warm:")
        shots = expect(web.grade(card, card_files, artefacts=True)).artefacts["screenshots"]
        shot_kib = sum(len(png) for _w, png in shots) / 1024
        figures["html_screenshots_warm_ms"] = summary(
            f"submit + 2 screenshots ({shot_kib:.0f} KiB of PNG)",
            timed(lambda: expect(web.grade(card, card_files, artefacts=True)), before=prepare),
        )
        print(
            f"  screenshots add {figures['html_screenshots_warm_ms'] - figures['html_submit_warm_ms']:.0f} ms to a "
            "warm submission (no aim set)"
        )

        print("\nDOM exercise (menu-burger, scenarios), warm:")
        expect(web.grade(menu, menu_files))
        figures["dom_check_warm_ms"] = summary(
            f"« Vérifier » ({len(web.checks_of(menu, public_only=True))} public scenarios), warm",
            timed(lambda: expect(web.grade(menu, menu_files, public_only=True)), before=prepare),
        )
        figures["dom_submit_warm_ms"] = summary(
            f"submit ({len(web.checks_of(menu))} scenarios, no screenshots), warm",
            timed(lambda: expect(web.grade(menu, menu_files)), before=prepare),
        )
        print("  (no aim set for dom; the html browser-check aim is 300 ms)")

        print("\nWhere the time goes (warm, same gradings, wrapped with timestamps):")
        breakdown("html « Vérifier »", lambda: web.grade(card, card_files, public_only=True), prepare)
        breakdown("html submit", lambda: web.grade(card, card_files), prepare)
        breakdown("html submit + screenshots", lambda: web.grade(card, card_files, artefacts=True), prepare)
        breakdown("dom submit", lambda: web.grade(menu, menu_files), prepare)
        breakdown("html submit, cold context", lambda: web.grade(card, card_files), lambda: None)
        breakdown("dom submit, cold context", lambda: web.grade(menu, menu_files), lambda: None)

        print("\nMemory of this process with its browser (in-process, after the gradings above; for comparison):")
        browser.prepare()
        sample = tree_memory(os.getpid())
        inprocess_mb = print_memory(sample[0], sample[1], sample[2], sample[3], "this process")
        figures["inprocess_total_mb"] = round(inprocess_mb)

        print("\nJavaScript exercise (majuscules, 3 tests in 2 files):")
        node_folder, bare = bare_node(upper_files, upper.tests)
        bare()
        expect(javascript.grade(upper, upper_files))
        options = javascript.TESTS_ENV.get("NODE_OPTIONS", "")
        runs = interleaved(
            {
                "grader": lambda: expect(javascript.grade(upper, upper_files)),
                "bare": bare,
                "bare+options": lambda: bare(NODE_OPTIONS=options),
            }
        )
        grader_ms = summary("through the grader (sandboxed node --test)", runs["grader"])
        bare_ms = summary("bare node --test, same files, cleared environment", runs["bare"])
        ratio = grader_ms / bare_ms
        figures.update(js_grader_ms=grader_ms, js_bare_ms=bare_ms, js_ratio=ratio)
        print(
            f"  grader / bare: {ratio:.2f}x   aim <= 1.3x: {'ok' if ratio <= 1.3 else 'over'}   (the three runs take "
            "turns)"
        )
        # Where the difference goes: the grader's NODE_OPTIONS carries a V8 flag, and any V8 flag
        # makes Node 20 reject its built-in code cache (node --test loads many built-in modules).
        flagged = summary("bare, with the grader's NODE_OPTIONS", runs["bare+options"])
        figures["js_bare_node_options_ms"] = flagged
        print(
            f"  of the {grader_ms - bare_ms:.0f} ms the grader adds, NODE_OPTIONS={options or '(none)'} alone accounts "
            f"for {flagged - bare_ms:.0f} ms; "
            f"grader / bare with the same NODE_OPTIONS: {grader_ms / flagged:.2f}x"
        )
    finally:
        browser.BROWSER.submit(browser.BROWSER.stop).result(timeout=60)
        if node_folder is not None:
            shutil.rmtree(node_folder, ignore_errors=True)

    figures.update(memory(learner, card_ex, menu_ex))

    print("\nAims:")
    rows = [
        ("html structure only", figures["html_structure_ms"], "< 50 ms", figures["html_structure_ms"] < 50),
        (
            "html browser checks, « Vérifier », warm",
            figures["html_check_warm_ms"],
            "< 300 ms",
            figures["html_check_warm_ms"] < 300,
        ),
        (
            "html browser checks, submit, warm",
            figures["html_submit_warm_ms"],
            "< 300 ms",
            figures["html_submit_warm_ms"] < 300,
        ),
        ("javascript grader / bare node --test", figures["js_ratio"], "<= 1.3x", figures["js_ratio"] <= 1.3),
    ]
    if "total_mb" in figures:
        rows.append(("worker + browser memory (MB, PSS)", figures["total_mb"], "< 600 MB", figures["total_mb"] < 600))
    else:
        total = figures["inprocess_total_mb"]
        rows.append(("memory, measured IN-PROCESS (no worker)", total, "< 600 MB", total < 600))
    for name, value, aim, ok in rows:
        shown = f"{value:.2f}x" if aim.endswith("x") else f"{value:.0f} MB" if "MB" in aim else f"{value:.1f} ms"
        print(f"  {name:<44} {shown:>10}   aim {aim:<9} {'ok' if ok else 'over'}")
    print(
        "\n"
        + json.dumps(
            {k: round(v, 2 if k == "js_ratio" else 1) if isinstance(v, float) else v for k, v in figures.items()}
        )
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(VAR, ignore_errors=True)
