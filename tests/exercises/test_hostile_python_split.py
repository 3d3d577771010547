"""Cheating attempts against the Python grader: none may pass, none may read the hidden tests.

Each attack in tests/exercises/hostile_split/ is one learner's submission that does not solve the
exercise honestly (f never returns 2 * x for every x): a solution.py, or a folder of files handed in
together (solution.py plus a conftest.py, pytest.py, _pytest/, sitecustomize.py, site.py, json.py,
tremplin_report.py...). A file stored as NAME.py.txt is handed in as NAME.py: pytest would load a
conftest.py of that folder while collecting the project's own tests. Each file starts with a comment
saying what it attempts.

Every attack is graded as a submission (hidden tests mounted) with the real grader and sandbox,
against tests/exercises/hostile/exercise/ (f(x) = 2 * x; the hidden test holds SECRET_EXPECTED =
8642), and must end with:
- a Result (the grader does not raise), failed or error, with a score below 1;
- no hidden test passed (f is wrong for the hidden test's values, whatever the attack did to pytest);
- nothing of the hidden test in what the learner sees (json.dumps(result.to_dict())): neither the
  secret nor any line of the hidden test's code;
- nothing named *pwned* created in the host's /tmp (the pickling payloads);
- and, checked after each case by test_hostile.nothing_escapes: no sandbox process left, no run folder
  left, and the reference solution still passes.
The attacks that read or leak are graded once more with the public tests only (« Vérifier », where
the public tests' failure messages show what f returned): nothing hidden may reach that run either.

Run: .venv/bin/python -m pytest tests/exercises/test_hostile_python_split.py -q -p no:randomly
"""

import shutil
import time
from pathlib import Path

import pytest

from exercises.grading import grader_for
from exercises.kinds.python import grader as python_grader
from exercises.results import Result

from .test_hostile import EXERCISE, SECRET_IN_HIDDEN_TESTS, learner_visible, nothing_escapes, spec  # noqa: F401 (fixtures)

ATTACKS = Path(__file__).parent / "hostile_split"
STORED_SUFFIX = ".txt"  # NAME.py.txt is handed in as NAME.py

pytestmark = pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")

# The attacks that read the tests or the test runner and try to show it to the learner.
LEAKERS = [
    "find_tests_everywhere.py",
    "frame_source_in_exception.py",
    "leak_via_test_name.py",
    "proc_mem_secret.py",
    "proc_snoop.py",
    "read_tests_open.py",
]


def _hidden_lines():
    """The hidden test's lines of code that the public test does not have (its docstring is its
    name, shown by design)."""
    hidden = (EXERCISE / "tests" / "test_x.py").read_text(encoding="utf-8")
    public = (EXERCISE / "tests" / "public" / "test_probe.py").read_text(encoding="utf-8")
    lines = [line.strip() for line in hidden.splitlines()]
    return [line for line in lines if line and not line.startswith('"""') and line not in public]


NEVER_SHOWN = [SECRET_IN_HIDDEN_TESTS, "SECRET_EXPECTED", "f(SECRET_EXPECTED", *_hidden_lines()]


def attack_names():
    return sorted(p.name for p in ATTACKS.iterdir() if (p.suffix == ".py" or p.is_dir()) and p.name != "__pycache__")


def submission(name):
    """{file name as handed in: content} for one attack."""
    path = ATTACKS / name
    if path.is_file():
        return {"solution.py": path.read_text(encoding="utf-8")}
    files = {}
    for item in sorted(path.rglob("*")):
        if item.is_file() and "__pycache__" not in item.parts:
            rel = item.relative_to(path).as_posix()
            if rel.endswith(".py" + STORED_SUFFIX):
                rel = rel.removesuffix(STORED_SUFFIX)
            files[rel] = item.read_text(encoding="utf-8")
    assert "solution.py" in files, f"{name}: a submission folder needs its solution.py"
    return files


def wall_bound(spec):
    """The grader's longest wall clock (the tests' side may get extra seconds) plus a margin."""
    return spec.time_limit * 2 + 5 + getattr(python_grader, "TESTS_EXTRA_SECONDS", 0) + 5


def pwned_files():
    return {str(p): p.stat().st_mtime_ns for p in Path("/tmp").glob("*pwned*")}


def grade(spec, name, *, public_only=False):
    files = submission(name)
    before = pwned_files()
    started = time.monotonic()
    try:
        result = grader_for("python")(spec, files, public_only=public_only)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"{name}: the grader raised {exc!r} instead of returning a result")
    elapsed = time.monotonic() - started
    assert isinstance(result, Result), f"{name}: the grader returned {result!r}"
    mode = "public" if public_only else "submit"
    tests = " ".join(f"{'hidden' if t.hidden else 'public'}:{t.status}" for t in result.tests)
    print(
        f"\n  [split] {name:<34} {mode} {elapsed:5.2f} s  {result.status}/{result.reason} score={result.score} {tests}"
    )
    assert elapsed <= wall_bound(spec), f"{name}: grading took {elapsed:.1f} s (bound {wall_bound(spec):.1f} s)"
    created = {path: mtime for path, mtime in pwned_files().items() if before.get(path) != mtime}
    assert not created, f"{name}: the learner's payload ran on the host: {sorted(created)}"
    return result


def assert_nothing_hidden_shown(name, result):
    visible = learner_visible(result)
    shown = [text for text in NEVER_SHOWN if text in visible]
    assert not shown, f"{name}: the learner sees the hidden tests ({shown}): {visible[:1500]}"


@pytest.mark.parametrize("name", attack_names())
def test_attack_does_not_pass(spec, name):
    result = grade(spec, name)
    assert result.status in ("failed", "error"), f"{name}: {result.status} {result.to_dict()}"
    assert result.score < 1, f"{name}: score {result.score}"
    passed_hidden = [t.name for t in result.tests if t.hidden and t.status == "passed"]
    assert not passed_hidden, f"{name}: a hidden test passed with a wrong f: {passed_hidden} ({result.to_dict()})"
    assert_nothing_hidden_shown(name, result)


@pytest.mark.parametrize("name", LEAKERS)
def test_nothing_hidden_reaches_the_public_run(spec, name):
    result = grade(spec, name, public_only=True)
    assert result.status in ("passed", "failed", "error"), result
    assert not any(t.hidden for t in result.tests), f"{name}: a hidden test ran with the public tests: {result.tests}"
    assert_nothing_hidden_shown(name, result)


def test_the_corpus_is_complete():
    """Every attack is found, and each of its files starts with a comment saying what it attempts."""
    names = attack_names()
    assert len(names) >= 40, names
    assert set(LEAKERS) <= set(names)
    for name in names:
        for rel, content in submission(name).items():
            assert content.startswith("# "), f"{name}/{rel}: starts without a comment saying what it attempts"
