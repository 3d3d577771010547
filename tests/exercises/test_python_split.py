"""Python gradings run the tests and the learner's code in two sandboxes (docs/grading.md): what
each side sees, measured from inside by the tests themselves, and what an author is told when a
test hands the learner's code something that cannot cross."""

import shutil
import textwrap

import pytest

from exercises.grading import grader_for
from exercises.spec import read_exercise

pytestmark = pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")

LEARNER = """
import os


def seen_tests():
    return sorted(os.path.relpath(os.path.join(folder, name), "/tests")
                  for folder, _dirs, names in os.walk("/tests") for name in names)


def identity():
    return {"uid": os.getuid(), "pid": os.getpid()}


def command_lines():
    lines = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                    lines.append(cmdline.read().replace(b"\\0", b" ").decode())
            except OSError:
                pass
    return lines


def call_me(thing):
    return repr(thing)
"""

TESTS = """
import os

import sonde


def test_the_learner_side_sees_data_but_no_test_code():
    seen = sonde.seen_tests()
    assert "public/donnees.csv" in seen and "donnees_cachees.txt" in seen
    assert not [name for name in seen if name.endswith(".py")], seen


def test_the_learner_side_is_another_uid_in_another_process_namespace():
    other = sonde.identity()
    assert other["uid"] != os.getuid()
    lines = sonde.command_lines()
    assert lines and not [line for line in lines if "pytest" in line or "tremplin_report" in line], lines


def test_a_plain_value_crosses_by_copy():
    assert sonde.call_me({"a": [1, 2.5, None]}) == "{'a': [1, 2.5, None]}"
"""


def exercise(tmp_path, tests=TESTS, public=""):
    folder = tmp_path / "sonde"
    (folder / "solution").mkdir(parents=True)
    (folder / "tests" / "public").mkdir(parents=True)
    (folder / "exercise.toml").write_text('title = "Sonde"\nkind = "python"\ntime_limit = 5\n', encoding="utf-8")
    (folder / "statement.md").write_text("Sonde.\n", encoding="utf-8")
    (folder / "solution" / "sonde.py").write_text(LEARNER, encoding="utf-8")
    (folder / "tests" / "test_sonde.py").write_text(tests, encoding="utf-8")
    (folder / "tests" / "donnees_cachees.txt").write_text("42\n", encoding="utf-8")
    (folder / "tests" / "public" / "donnees.csv").write_text("a;b\n", encoding="utf-8")
    (folder / "tests" / "public" / "test_public.py").write_text(
        public or "import sonde\n\n\ndef test_ok():\n    assert sonde.call_me(1) == '1'\n", encoding="utf-8"
    )
    return read_exercise(folder)


def test_each_side_sees_only_its_own(tmp_path):
    spec = exercise(tmp_path)
    result = grader_for("python")(spec, spec.solution)
    assert result.status == "passed", result.to_dict()
    assert len(result.tests) == 4


def test_an_object_that_cannot_cross_is_explained_to_the_author(tmp_path):
    public = textwrap.dedent("""
        import sonde


        class Chose:
            pass


        def test_chose():
            assert sonde.call_me(Chose()) == "?"
    """)
    spec = exercise(tmp_path, public=public)
    result = grader_for("python")(spec, spec.solution, public_only=True)
    assert result.status == "failed"
    assert "ne peut pas lui être transmis" in result.tests[0].message


def test_a_handle_is_never_equal_to_a_plain_value_but_handles_compare_by_the_learners_eq(tmp_path):
    tests = textwrap.dedent("""
        import sonde


        def test_handles():
            first, second = sonde.Valeur(3), sonde.Valeur(3)
            assert first == second and not first != second
            assert first != 3 and not first == 3
            assert sonde.Partout() != 1 and not sonde.Partout() == "x"
    """)
    spec = exercise(tmp_path, tests=tests)
    learner = LEARNER + textwrap.dedent("""
        class Valeur:
            def __init__(self, n):
                self.n = n

            def __eq__(self, other):
                return isinstance(other, Valeur) and other.n == self.n or other == self.n


        class Partout:
            def __eq__(self, other):
                return True

            def __ne__(self, other):
                return False
    """)
    result = grader_for("python")(spec, {"sonde.py": learner})
    assert result.status == "passed", result.to_dict()


def test_a_pair_started_ahead_grades_with_the_exercises_own_limits(tmp_path, monkeypatch):
    """A worker keeps a pair started (pytest imported on the tests' side) with the largest limits;
    the grading that takes it applies the exercise's: an endless loop ends at its time limit."""
    import time

    from exercises.kinds.python import grader as python

    monkeypatch.setattr(python, "_used", True)
    monkeypatch.setattr(python, "_spare", None)
    python.prepare_if_used()
    spare = python._spare
    assert spare is not None and spare.alive
    spec = exercise(tmp_path)
    result = python.grade(spec, spec.solution)
    assert result.status == "passed", result.to_dict()
    assert python._spare is None  # taken by that grading

    python.prepare_if_used()
    spec.time_limit = 1
    started = time.monotonic()
    looping = LEARNER + "\n\ndef call_me(thing):\n    while True:\n        pass\n"
    result = python.grade(spec, {"sonde.py": looping})
    assert (result.status, result.reason) == ("error", "timeout")
    assert time.monotonic() - started < spec.time_limit * 2 + 5 + 3

    python.prepare_if_used()
    python._spare.discard()  # a spare that died is replaced, not used
    assert python.grade(spec, spec.solution).status == "passed"


def test_a_test_callback_can_use_the_learner_object_it_is_given(tmp_path):
    """The learner's code calls the test's function with one of its own objects, which the test's
    function reads back over the wire while the learner's call is still running."""
    tests = textwrap.dedent("""
        import sonde


        def test_callback():
            assert sonde.appliquer(lambda valeur: valeur.n * 10) == 30
    """)
    spec = exercise(tmp_path, tests=tests)
    learner = LEARNER + textwrap.dedent("""
        class Valeur:
            def __init__(self, n):
                self.n = n


        def appliquer(fonction):
            return fonction(Valeur(3))
    """)
    result = grader_for("python")(spec, {"sonde.py": learner})
    assert result.status == "passed", result.to_dict()
