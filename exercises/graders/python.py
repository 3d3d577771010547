"""Python exercises: the learner's files plus the trainer's pytest tests, run in the sandbox."""

import dataclasses
import re
import sys

from django.utils.translation import gettext as _

from .. import sandbox
from ..results import Reason, Result
from ..sandbox import SandboxUnavailable
from .common import (
    RefusedInput, check_submission, humanize, limits_for, materialise, run_failure, test_result, tests_result, unavailable,
)

# The tests (pytest, the reporter, the test files) run in one sandbox; the learner's code in another,
# as another uid, reached through proxies over a socket (tremplin_proxy, tremplin_learner): the
# learner's code can neither read the tests nor change how they run or report.
TESTS_COMMAND = [
    "/sandbox/python/bin/python", "-P", "-m", "pytest", "-c", "/sandbox/runner/pytest.ini", "--rootdir=/tests",
    "-p", "tremplin_report", "-p", "tremplin_proxy", "--report-fd", "{report_fd}", "--nonce-fd", "{nonce_fd}",
    "--channel-fd", "{channel_fd}", "--basetemp=/tmp/tremplin-tests", "--learner-modules", "{modules}", "/tests",
]
LEARNER_COMMAND = ["/sandbox/python/bin/python", "-P", "/sandbox/runner/tremplin_learner.py", "--channel-fd", "{channel_fd}"]
ENV = {"PYTHONPATH": "/sandbox/runner"}
# The tests' side runs trusted code only; it gets room to report whatever the learner's side does.
TESTS_EXTRA_SECONDS = 10
TESTS_MEMORY_MIB = 512


ASSERT_EQUAL = re.compile(r"^assert (?P<got>.+?) == (?P<expected>.+)$")
WHERE = re.compile(r"^\+\s+where (?P<value>.+?) = (?P<call>.+)$")
OUTPUT_SHOWN = 2000


def explain(message, stdout=""):
    """pytest's assertion message in the learner's words: what came out, what was expected.

    "AssertionError: la moyenne de 10 et 20 vaut 15\nassert 0 == 15\n +  where 0 = moyenne([10, 20])"
    becomes the trainer's sentence, then "Obtenu : 0 — attendu : 15 (moyenne([10, 20]) a renvoyé 0)".
    """
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    sentence, got, expected, call = [], None, None, None
    for line in lines:
        match = ASSERT_EQUAL.match(line)
        where = WHERE.match(line)
        if match and got is None:
            got, expected = match.group("got"), match.group("expected")
        elif where and call is None:
            call = where
        elif not line.startswith(("assert ", "+", "At index", "Use -v", "Full diff", "-", "?")):
            sentence.append(line.removeprefix("AssertionError: ").removeprefix("AssertionError"))
    parts = [s for s in sentence if s]
    if got is not None:
        obtained = _("Obtenu : %(got)s — attendu : %(expected)s") % {"got": got, "expected": expected}
        if call is not None and call.group("value") == got:
            obtained += " " + _("(%(call)s a renvoyé %(value)s)") % {"call": call.group("call"), "value": got}
        parts.append(obtained)
    text = "\n".join(parts) or message
    if stdout.strip():
        shown = stdout[-OUTPUT_SHOWN:]
        text += "\n" + _("Ce que votre programme a affiché :") + "\n" + shown
    return text


def syntax_error(files):
    """Compile (never run) each file: a syntax error is reported with its line, in the learner's words."""
    for name, source in files.items():
        if not name.endswith(".py"):
            continue
        try:
            compile(source, name, "exec", dont_inherit=True)
        except SyntaxError as exc:
            return _("Erreur de syntaxe dans %(file)s, ligne %(line)s : %(msg)s") % {
                "file": name, "line": exc.lineno or "?", "msg": exc.msg,
            }
        except (ValueError, MemoryError, RecursionError) as exc:
            reason = str(exc) or _("il est trop imbriqué ou trop long")
            return _("Le fichier %(file)s ne peut pas être lu comme du Python : %(msg)s") % {"file": name, "msg": reason}
    return None


def learner_modules(files):
    """The names the tests import from the learner's files: top-level modules and packages,
    never a standard-library name (a learner's random.py does not replace the tests' random)."""
    names = set()
    for name in files:
        top = name.split("/")[0]
        stem = top.removesuffix(".py") if "/" not in name else top
        if (name.endswith(".py") or "/" in name) and stem.isidentifier() and stem not in sys.stdlib_module_names:
            names.add(stem)
    return sorted(names - {"pytest", "_pytest", "tremplin_report", "tremplin_proxy", "tremplin_wire", "conftest"})


def test_data(tests):
    """The tests' files the learner's code may read (data such as communes.csv): never test code."""
    return {name: content for name, content in tests.items() if not name.endswith((".py", ".pyc", ".ini", ".cfg", ".toml"))}


def grade(spec, submission, *, public_only=False):
    try:
        files = check_submission(dict(submission), (".py", ".txt", ".csv", ".json"))
    except RefusedInput as exc:
        return Result.error(Reason.REFUSED, str(exc))
    message = syntax_error(files)
    if message:
        return Result.error(Reason.SYNTAX, message)
    tests = spec.public_tests if public_only else spec.tests
    if not tests:
        return Result.error(Reason.REFUSED, _("Cet exercice n'a pas de test public : utilisez « Soumettre »."))
    limits = limits_for(spec)
    tests_limits = dataclasses.replace(
        limits, cpu_seconds=limits.cpu_seconds + TESTS_EXTRA_SECONDS, wall_seconds=limits.wall_seconds + TESTS_EXTRA_SECONDS,
        memory_mib=max(limits.memory_mib, TESTS_MEMORY_MIB),
    )
    command = [part.replace("{modules}", ",".join(learner_modules(files)) or "-") for part in TESTS_COMMAND]
    try:
        with materialise(files) as work, materialise(tests) as tests_dir, materialise(test_data(tests)) as data_dir:
            pair = sandbox.run_pair(command, LEARNER_COMMAND, files_dir=work, tests_dir=tests_dir, learner_tests_dir=data_dir,
                                    limits=limits, tests_limits=tests_limits, env=ENV)
    except SandboxUnavailable as exc:
        return unavailable(exc)
    run = pair.tests
    learner_gone = any(r.get("event") == "learner_gone" for r in run.records)
    # The learner's side reached a limit (time, memory, output), or stopped before the tests ended.
    failure = run_failure(pair.learner, spec) if (learner_gone or not run.finished) else None
    failure = failure or run_failure(run, spec)
    if failure:
        return failure
    if learner_gone:
        return Result.error(
            Reason.CRASH,
            _("Votre programme s'est arrêté avant la fin des tests (sortie anticipée ou plantage) : il n'a pas pu être évalué."),
            run.duration_ms,
        )
    # With the hidden tests mounted, text that the learner's code controls (assertion messages
    # showing its return values, exception messages) could carry the hidden tests' content:
    # only the public-tests run ("Vérifier") shows it.
    hidden_mounted = any(not name.startswith("public/") for name in tests)
    collect_errors = [r for r in run.records if r.get("event") == "collect_error"]
    if collect_errors and hidden_mounted:
        return Result.error(
            Reason.CRASH,
            _("Votre code n'a pas pu être chargé par les tests. Utilisez « Vérifier » pour voir l'erreur, ou relisez votre code."),
            run.duration_ms,
        )
    if collect_errors:
        last_line = next((line for line in reversed(collect_errors[0].get("message", "").splitlines()) if line.strip()), "")
        last_line = last_line.removeprefix("E").strip()
        return Result.error(
            Reason.CRASH,
            _("Votre code n'a pas pu être chargé : %(error)s") % {"error": last_line[:300]},
            run.duration_ms,
        )
    end = next((r for r in run.records if r.get("event") == "end"), {})
    if end.get("exitstatus") in (2, 3, 4):  # interrupted, internal error, usage error: not a complete run
        return Result.error(
            Reason.CRASH,
            _("Votre programme s'est arrêté avant la fin des tests (sortie anticipée ou plantage) : il n'a pas pu être évalué."),
            run.duration_ms,
        )
    results = []
    for record in run.records:
        if record.get("event") != "test":
            continue
        results.append(test_result(
            name=record.get("doc") or humanize(record["nodeid"]), outcome=record["outcome"],
            hidden=not record["nodeid"].startswith("public/"), hidden_mounted=hidden_mounted,
            detail=lambda record=record: explain(record.get("message", ""), record.get("stdout", "")), key=record["nodeid"],
        ))
    if not results:
        return Result.error(Reason.CRASH, _("Aucun test n'a pu être exécuté sur votre code."), run.duration_ms)
    return tests_result(results, run.duration_ms)
