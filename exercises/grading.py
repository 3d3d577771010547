"""Grader plugins: one module per exercise kind, with the same small interface.

    grade(spec, submission, *, public_only=False, artefacts=False) -> Result

`submission` is {filename: text} for code kinds and {question_id: answer} for quizzes. With
`artefacts`, the result also carries what the grading made beside the verdict (Result.artefacts:
a submitted web page's screenshots, an executed notebook's HTML), for the caller to store.
Adding a kind: one module here and one entry in exercises/kinds/ (KINDS).

`grade` (below) is what the platform and `manage.py grade` call: the kind's grader, then the rule
that the tests that count are those of the reference solution's run. A test of that run that is
missing from the learner's (a test file whose process exited early, a runner stopped before the
end) is a failure, never a pass.
"""

import threading

from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .kinds import kind_of

GRADER_VERSION = "1"


def grader_for(kind):
    return import_string(kind_of(kind).grader + ".grade")


def runs_in_sandbox(kind):
    return kind_of(kind).in_sandbox


_REFERENCE = {}
_REFERENCE_LOCK = threading.Lock()


def reference_tests(spec, *, public_only=False):
    """{test key: (name, hidden)} of the reference solution's run, recorded once per content (per process)."""
    from .models import content_hash

    key = (content_hash(spec), public_only)
    with _REFERENCE_LOCK:
        if key in _REFERENCE:
            return _REFERENCE[key]
    result = grader_for(spec.kind)(spec, dict(spec.solution), public_only=public_only)
    found = {t.key: (t.name, t.hidden) for t in result.tests if t.key} if result.status == "passed" else {}
    with _REFERENCE_LOCK:
        if len(_REFERENCE) > 500:
            _REFERENCE.clear()
        _REFERENCE[key] = found
    return found


def grade(spec, submission, *, public_only=False, artefacts=False):
    """Grade with the kind's grader; every test of the reference run that did not run fails."""
    from .results import Result, Status, TestResult

    result = grader_for(spec.kind)(spec, submission, public_only=public_only, artefacts=artefacts)
    # Kinds whose tests are discovered by running them: the reference solution's run says which count.
    # Declarative kinds (quiz, web checks, SQL, notebooks) know their tests from the exercise itself.
    if not kind_of(spec.kind).runner or result.status == Status.ERROR or not spec.solution:
        return result
    expected = reference_tests(spec, public_only=public_only)
    ran = {t.key for t in result.tests}
    missing = [
        TestResult(
            name=name,
            status=Status.FAILED,
            hidden=hidden,
            key=key,
            message=_(
                "Ce test n'a pas été exécuté : votre programme s'est arrêté avant lui ou l'a empêché "
                "(sys.exit, process.exit, os._exit…)."
            ),
        )
        for key, (name, hidden) in expected.items()
        if key not in ran
    ]
    if not missing:
        return result
    completed = Result.from_tests(
        result.tests + missing,
        result.duration_ms,
        message_failed=_("Certains tests ne sont pas réussis : lisez les messages ci-dessous."),
    )
    completed.artefacts = result.artefacts
    return completed
