"""The « écho » kind's grader: the typed sentence against the reference, spaces at the ends ignored."""

from exercises.results import Result, Status, TestResult


def grade(spec, submission, *, public_only=False, artefacts=False):
    expected = spec.solution.get("reponse.txt", "").strip()
    given = submission.get("reponse.txt", "")
    passed = isinstance(given, str) and given.strip() == expected
    test = TestResult(name="La phrase attendue", status=Status.PASSED if passed else Status.FAILED, key="echo")
    return Result.from_tests([test], 0)
