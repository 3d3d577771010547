"""The tests that count are those of the reference solution's run: a test that did not run fails."""

import json

import pytest
from django.core.management import call_command

from exercises.grading import grade, reference_tests
from exercises.spec import read_exercise
from tests.exercises.conftest import EXAMPLES

EXIT_AT_SECOND_CALL = """let calls = 0;
function crier(texte) {
  calls += 1;
  if (calls > 1) process.exit(0);  // the file's process stops, its other tests never run
  return texte.toUpperCase() + " !";
}
module.exports = { crier };
"""


@pytest.fixture(scope="module")
def majuscules():
    return read_exercise(EXAMPLES / "majuscules")


def test_the_reference_run_records_every_test(majuscules):
    expected = reference_tests(majuscules)
    assert len(expected) == 3
    assert sum(hidden for _name, hidden in expected.values()) == 2


def test_a_test_file_that_exits_early_does_not_pass(majuscules):
    result = grade(majuscules, {"chaines.js": EXIT_AT_SECOND_CALL})
    assert result.status == "failed" and len(result.tests) == 3
    # Before: the file's unreported tests were ignored and the run passed at 100 %. (Whether the
    # first test of that file was reported before the exit depends on the runner's buffering.)
    assert result.score <= 0.67
    # The learner's module runs in a process of its own: its exit ends that process only, and the
    # tests of that file that needed it fail (before the split: they were never reported).
    failed = [t for t in result.tests if t.status == "failed"]
    assert failed and all(t.hidden for t in failed)
    # The hidden test's name is what the learner sees already; its code and values are not.
    assert "à bientôt" not in json.dumps(result.to_dict(), ensure_ascii=False)


def test_manage_py_grade_counts_them_too(majuscules, tmp_path, capsys):
    (tmp_path / "chaines.js").write_text(EXIT_AT_SECOND_CALL)
    call_command("grade", str(EXAMPLES / "majuscules"), str(tmp_path))
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "failed" and len(data["tests"]) == 3


def test_an_honest_solution_still_passes(majuscules):
    assert grade(majuscules, dict(majuscules.solution)).status == "passed"
    assert grade(majuscules, dict(majuscules.solution), public_only=True).status == "passed"


def test_python_tests_are_counted_from_the_reference_run_too():
    spec = read_exercise(EXAMPLES / "moyenne")
    expected = reference_tests(spec)
    assert expected and all("::" in key for key in expected)
    assert grade(spec, dict(spec.solution)).status == "passed"
