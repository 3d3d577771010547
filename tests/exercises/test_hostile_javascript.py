"""Cheating attempts against the JavaScript grader: none may pass, none may read the hidden tests.

Each attack in tests/exercises/hostile_js/ is one learner's submission that does not solve the
exercise honestly (crier is right for the public test's input, "bonjour", at most): a chaines.js, or
a folder of files handed in together (chaines.js plus assert.js, node_modules/..., test files named
like the exercise's, files named like the grader's runner...). Each file starts with a `//` comment
saying what it attempts (a .json file, which cannot hold a comment, with a "//" key).

Every attack is graded as a submission (hidden tests mounted) with the real grader and sandbox,
against tests/exercises/examples/majuscules (crier(texte) = texte.toUpperCase() + " !"; the hidden
test calls crier with the secret "à bientôt"), and must end with:
- a Result (the grader does not raise), failed or error, with a score below 1, within the grader's
  own time bound;
- no hidden test passed (crier is wrong for the hidden inputs, whatever the attack did);
- nothing of the hidden test's source in what the learner sees (json.dumps(result.to_dict())): the
  test names ("garde les accents", "texte vide") are shown by design, their code never;
- and, checked after each case: no process of a sandbox uid left, no run folder left, and the
  reference solution still passes.
The attacks that read or leak are graded once more with the public tests only (« Vérifier », where
the public test's failure message shows what crier returned): nothing hidden may reach that run.

Run: .venv/bin/python -m pytest tests/exercises/test_hostile_javascript.py -q -p no:randomly
"""

import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings

from exercises.grading import grader_for
from exercises.kinds.javascript import grader as javascript_grader
from exercises.results import Result
from exercises.spec import read_exercise

from .conftest import EXAMPLES

ATTACKS = Path(__file__).parent / "hostile_js"
EXERCISE = EXAMPLES / "majuscules"
HIDDEN_TEST = EXERCISE / "tests" / "crier.test.js"
PUBLIC_TEST = EXERCISE / "tests" / "public" / "crier.test.js"
HIDDEN_NAMES = ["garde les accents", "texte vide"]  # shown by design (a test's name), never its code

pytestmark = pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")

# The attacks that read the tests, the processes or the files around them and return what they found
# inside crier's value, for the public test's failure message to show it.
LEAKERS = [
    "caller_chain.js",
    "proc_snoop.js",
    "read_tests_direct.js",
    "shared_folders_snoop.js",
    "stack_trace_sources.js",
    "walk_filesystem_for_tests.js",
]


def _hidden_lines():
    """The hidden test's lines of code that the public test does not have (`});` and the requires are
    in both)."""
    public = {line.strip() for line in PUBLIC_TEST.read_text(encoding="utf-8").splitlines()}
    lines = [line.strip() for line in HIDDEN_TEST.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and line not in public]


NEVER_SHOWN = ["à bientôt", "À BIENTÔT", "SECRET", "crier(SECRET)", 'crier("")', *_hidden_lines()]
NEVER_SHOWN_ANY_CASE = ["bientôt"]  # "À BIENTÔT", "Bientôt"... fold to it


@pytest.fixture(scope="module")
def spec():
    return read_exercise(EXERCISE)


def attack_names():
    return sorted(p.name for p in ATTACKS.iterdir() if p.suffix == ".js" or p.is_dir())


def submission(name):
    """{file name as handed in: content} for one attack."""
    path = ATTACKS / name
    if path.is_file():
        return {"chaines.js": path.read_text(encoding="utf-8")}
    files = {
        item.relative_to(path).as_posix(): item.read_text(encoding="utf-8")
        for item in sorted(path.rglob("*"))
        if item.is_file()
    }
    assert "chaines.js" in files, f"{name}: a submission folder needs its chaines.js"
    return files


def wall_bound(spec, *, public_only=False):
    """The grader's longest wall clock: each test file runs in its own pair of sandboxes, the tests'
    side with TESTS_EXTRA_SECONDS more than the learner's; plus a margin."""
    tests = spec.public_tests if public_only else spec.tests
    files = sum(1 for name in tests if name.endswith(".js"))
    return files * (spec.time_limit * 2 + 5 + javascript_grader.TESTS_EXTRA_SECONDS) + 5


# ------------------------------------------------------------------ processes left behind


def sandbox_uids():
    return range(settings.SANDBOX_BASE_UID, settings.SANDBOX_BASE_UID + settings.SANDBOX_SLOTS)


def sandbox_processes(uids):
    """[(pid, uid, name, state)] of every process whose real, effective, saved or fs uid is in `uids`."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except (OSError, ValueError):
            continue
        hit = {int(u) for u in fields.get("Uid", "").split()} & set(uids)
        if hit:
            found.append(
                (int(status.parent.name), min(hit), fields.get("Name", "").strip(), fields.get("State", "").strip())
            )
    return found


def survivors():
    """Processes of a sandbox uid whose slot nobody holds: leftovers of a finished run. A slot another
    grading run holds (another session on this machine) is skipped; for a free slot we take its lock,
    so no new run starts on that uid while we look."""
    leftovers = []
    for uid in sorted({uid for _, uid, _, _ in sandbox_processes(sandbox_uids())}):
        lock = Path(settings.SANDBOX_LOCK_DIR) / f"slot-{uid - settings.SANDBOX_BASE_UID}.lock"
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # another run is using this slot right now
            deadline = time.monotonic() + 1.0  # a just-killed process may need a moment to be reaped
            while (procs := sandbox_processes([uid])) and time.monotonic() < deadline:
                time.sleep(0.05)
            leftovers += procs
        finally:
            os.close(fd)
    return leftovers


@pytest.fixture(autouse=True)
def nothing_escapes(spec, tmp_path_factory, monkeypatch, request):
    """After each case: no process of a sandbox uid left, no temporary folder left, and the reference
    solution still grades `passed`."""
    runs = tmp_path_factory.mktemp("runs")
    runs.chmod(0o755)
    monkeypatch.setattr(tempfile, "tempdir", str(runs))
    yield runs
    monkeypatch.undo()
    problems = []
    left = survivors()
    if left:
        problems.append(f"sandbox processes survived the run: {left}")
    leaked = sorted(p.name for p in runs.iterdir())
    if leaked:
        problems.append(f"temporary folders left behind by the grader: {leaked}")
        subprocess.run(["rm", "-rf", *[str(p) for p in runs.iterdir()]], check=False)
    after = grader_for("javascript")(spec, dict(spec.solution))
    if after.status != "passed":
        problems.append(f"the reference solution no longer passes right after: {after.to_dict()}")
    assert not problems, f"{request.node.name}: " + "; ".join(problems)


# ------------------------------------------------------------------ grading


def grade(spec, name, *, public_only=False):
    files = submission(name)
    started = time.monotonic()
    try:
        result = grader_for("javascript")(spec, files, public_only=public_only)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"{name}: the grader raised {exc!r} instead of returning a result")
    elapsed = time.monotonic() - started
    assert isinstance(result, Result), f"{name}: the grader returned {result!r}"
    mode = "public" if public_only else "submit"
    tests = " ".join(f"{'hidden' if t.hidden else 'public'}:{t.status}" for t in result.tests)
    print(f"\n  [js] {name:<34} {mode} {elapsed:5.2f} s  {result.status}/{result.reason} score={result.score} {tests}")
    bound = wall_bound(spec, public_only=public_only)
    assert elapsed <= bound, f"{name}: grading took {elapsed:.1f} s (bound {bound:.1f} s)"
    return result


def assert_nothing_hidden_shown(name, result):
    data = result.to_dict()
    visible = json.dumps(data, ensure_ascii=False)
    escaped = json.dumps(data)  # what a JSON response carries: "\u00e0 bient\u00f4t"
    shown = [text for text in NEVER_SHOWN if text in visible or json.dumps(text)[1:-1] in escaped]
    shown += [text for text in NEVER_SHOWN_ANY_CASE if text.casefold() in visible.casefold()]
    assert not shown, (
        f"{name}: the learner sees the hidden tests ({shown}): {json.dumps(data, ensure_ascii=False)[:1500]}"
    )


@pytest.mark.parametrize("name", attack_names())
def test_attack_does_not_pass(spec, name):
    result = grade(spec, name)
    assert result.status in ("failed", "error"), (
        f"{name}: {result.status} {json.dumps(result.to_dict(), ensure_ascii=False)}"
    )
    assert result.score < 1, f"{name}: score {result.score}"
    passed_hidden = [t.name for t in result.tests if t.hidden and t.status == "passed"]
    assert not passed_hidden, (
        f"{name}: a hidden test passed with a wrong crier: {passed_hidden} "
        f"({json.dumps(result.to_dict(), ensure_ascii=False)})"
    )
    assert_nothing_hidden_shown(name, result)


@pytest.mark.parametrize("name", LEAKERS)
def test_nothing_hidden_reaches_the_public_run(spec, name):
    result = grade(spec, name, public_only=True)
    assert result.status in ("passed", "failed", "error"), result
    assert not any(t.hidden for t in result.tests), f"{name}: a hidden test ran with the public tests: {result.tests}"
    assert not any(t.name in HIDDEN_NAMES for t in result.tests), f"{name}: {result.tests}"
    assert_nothing_hidden_shown(name, result)


def test_the_corpus_is_complete():
    """Every attack is found, and each of its files starts with a comment saying what it attempts."""
    names = attack_names()
    assert len(names) >= 40, names
    assert set(LEAKERS) <= set(names)
    for name in names:
        for rel, content in submission(name).items():
            if rel.endswith(".json"):
                assert json.loads(content).get("//"), f'{name}/{rel}: no "//" key saying what it attempts'
            else:
                assert content.startswith("// "), f"{name}/{rel}: starts without a comment saying what it attempts"
