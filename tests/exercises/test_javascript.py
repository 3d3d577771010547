"""JavaScript exercises: `node --test` in the sandbox, with the learner's module required by the tests."""

import json

import pytest

from exercises.grading import grader_for
from exercises.spec import read_exercise
from tests.exercises.conftest import EXAMPLES

FOLDER = EXAMPLES / "majuscules"
EXPORT = "\nmodule.exports = { crier };\n"


@pytest.fixture(scope="module")
def spec():
    return read_exercise(FOLDER)


def grade(spec, source, **kwargs):
    return grader_for("javascript")(spec, {"chaines.js": source}, **kwargs)


def test_reference_passes_and_starter_fails(spec):
    assert grade(spec, spec.solution["chaines.js"]).status == "passed"
    result = grade(spec, spec.starter["chaines.js"])
    assert result.status == "failed" and result.score == 0
    assert "À BIENTÔT" not in json.dumps(result.to_dict()) and "à bientôt" not in json.dumps(result.to_dict())


def test_public_run_shows_the_assertion(spec):
    result = grade(spec, spec.starter["chaines.js"], public_only=True)
    assert len(result.tests) == 1 and "le texte en majuscules" in result.tests[0].message


@pytest.mark.parametrize(
    "source, reason",
    [
        ("function crier(t) { while (true) {} }" + EXPORT, "timeout"),
        ("const a = []; function crier(t) { while (true) a.push(new Array(1e6).fill(1.5)); }" + EXPORT, "memory"),
        ("process.exit(0);" + EXPORT, "crash"),
        ("throw new Error('boum');" + EXPORT, "crash"),
        ("function crier(t) {" + EXPORT, "crash"),  # syntax error: the tests cannot load the module
        (
            "console.log(JSON.stringify({event: 'test', name: 'x', file: '/tests/public/crier.test.js', outcome: "
            "'passed'}));"
            "console.log(JSON.stringify({event: 'end'})); process.exit(0);" + EXPORT,
            "crash",
        ),
    ],
)
def test_hostile_javascript_is_an_error_never_a_pass(spec, source, reason):
    result = grade(spec, source)
    assert (result.status, result.reason) == ("error", reason), result


def test_no_network_from_node(spec):
    source = (
        "const net = require('node:net');\n"
        "function crier(t) { return t; }\n"
        "net.connect(80, '1.1.1.1').on('error', (e) => { require('node:fs').writeFileSync('/work/net.txt', e.code); "
        "});\n" + EXPORT
    )
    result = grade(spec, source)
    assert result.status == "failed"  # it ran, the connection failed, the wrong answer is graded as wrong


def test_a_pair_started_ahead_grades_with_the_exercises_own_limits(spec, monkeypatch):
    """A worker keeps a pair started (Node with the proxies and the reporter, waiting for its input)
    with the largest limits; the grading that takes it applies the exercise's."""
    import time

    from exercises.kinds.javascript import grader as javascript

    monkeypatch.setattr(javascript, "_used", True)
    monkeypatch.setattr(javascript, "_spare", None)
    javascript.prepare_if_used()
    assert javascript._spare is not None and javascript._spare.alive
    assert javascript.grade(spec, dict(spec.solution)).status == "passed"
    assert javascript._spare is None  # taken by that grading

    javascript.prepare_if_used()
    started = time.monotonic()
    result = grade(spec, "function crier(t) { for (;;) {} }\nmodule.exports = { crier };\n")
    assert (result.status, result.reason) == ("error", "timeout")
    assert time.monotonic() - started < (spec.time_limit * 2 + 5) * 2 + 5
