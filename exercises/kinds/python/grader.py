"""Python exercises: the learner's files plus the trainer's pytest tests, run in the sandbox."""

import dataclasses
import json
import re
import sys
import time

from django.utils.translation import gettext as _

from ... import sandbox
from ...errors import caret, explain_line, explain_syntax
from ...results import Reason, Result
from ...sandbox import SandboxUnavailable
from ..common import (
    RefusedInput,
    check_submission,
    humanize,
    limits_for,
    materialise,
    run_failure,
    test_result,
    tests_result,
    unavailable,
)

# The tests (pytest, the reporter, the test files) run in one sandbox; the learner's code in another,
# as another uid, reached through proxies over a socket (tremplin_proxy, tremplin_learner): the
# learner's code can neither read the tests nor change how they run or report.
TESTS_COMMAND = [
    "/sandbox/python/bin/python",
    "-P",
    "-m",
    "pytest",
    "-c",
    "/sandbox/runner/pytest.ini",
    "--rootdir=/tests",
    "-p",
    "tremplin_report",
    "-p",
    "tremplin_proxy",
    "--report-fd",
    "{report_fd}",
    "--nonce-fd",
    "{nonce_fd}",
    "--channel-fd",
    "{channel_fd}",
    "--basetemp=/tmp/tremplin-tests",
    "--learner-modules",
    "{modules}",
    "/tests",
]
LEARNER_COMMAND = [
    "/sandbox/python/bin/python",
    "-P",
    "/sandbox/runner/tremplin_learner.py",
    "--channel-fd",
    "{channel_fd}",
]
# Started ahead (a worker's spare pair): the tests' side has imported pytest and waits for its input.
STARTED_TESTS_COMMAND = ["/sandbox/python/bin/python", "-P", "/sandbox/runner/tremplin_tests.py"]
PYTEST_ARGS = [
    "-c",
    "/sandbox/runner/pytest.ini",
    "--rootdir=/tests",
    "-p",
    "tremplin_report",
    "-p",
    "tremplin_proxy",
    "--report-fd",
    "{report_fd}",
    "--nonce-fd",
    "{nonce_fd}",
    "--channel-fd",
    "{channel_fd}",
    "--basetemp=/tmp/tremplin-tests",
    "--learner-modules",
    "{modules}",
    "/tests",
]
SPARE_LIMITS = sandbox.Limits(cpu_seconds=130, wall_seconds=600, memory_mib=512)
SPARE_MAX_AGE_S = 15 * 60
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
            # pytest.fail("…") and assert's messages are the trainer's own words, shown as they are.
            sentence.append(
                line.removeprefix("AssertionError: ").removeprefix("AssertionError").removeprefix("Failed: ")
            )
    parts = [s for s in sentence if s]
    if got is not None:
        obtained = _("Obtenu : %(got)s — attendu : %(expected)s") % {"got": got, "expected": expected}
        if call is not None and call.group("value") == got:
            obtained += " " + _("(%(call)s a renvoyé %(value)s)") % {"call": call.group("call"), "value": got}
        parts.append(obtained)
    text = explain_line("\n".join(parts)) if parts else explain_line(message)
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
            french = explain_syntax(exc.msg)
            text = _("Erreur de syntaxe dans %(file)s, ligne %(line)s : %(msg)s") % {
                "file": name,
                "line": exc.lineno or "?",
                "msg": french or exc.msg,
            }
            shown = caret(exc.text, exc.offset)
            if shown:
                text += "\n" + shown
            if french:
                text += "\n" + _("Message d'origine : %(m)s") % {"m": exc.msg}
            return text
        except (ValueError, MemoryError, RecursionError) as exc:
            reason = str(exc) or _("il est trop imbriqué ou trop long")
            return _("Le fichier %(file)s ne peut pas être lu comme du Python : %(msg)s") % {
                "file": name,
                "msg": reason,
            }
    return None


# One spare pair per worker process (as the notebook kind keeps a kernel): started while the worker is
# idle, nothing of any learner has run in it. Only in workers: the web process keeps nothing running.
_spare = None
_used = False
_in_worker = False


def prepare_if_used():
    """After a Python grading (in a worker, between tasks): make sure the next pair is starting."""
    global _in_worker
    _in_worker = True
    if _used:
        _ensure_spare()


def _ensure_spare():
    global _spare
    if _spare is not None and _spare.alive:
        return
    try:
        _spare = _start()
    except Exception:  # noqa: BLE001 - a spare is an optimisation: the next grading starts its own
        _spare = None


def _start():
    return sandbox.start_pair(
        STARTED_TESTS_COMMAND,
        LEARNER_COMMAND,
        limits=SPARE_LIMITS,
        tests_limits=dataclasses.replace(SPARE_LIMITS, cpu_seconds=SPARE_LIMITS.cpu_seconds + 10),
        env=ENV,
    )


def _take():
    global _spare, _used
    _used = True
    spare, _spare = _spare, None
    if spare is not None and spare.alive and time.monotonic() - spare.created < SPARE_MAX_AGE_S:
        return spare
    if spare is not None:
        spare.discard()
    return _start()


def _run(files, tests, modules, limits, tests_limits):
    started = _take()
    if started is None:  # development without bubblewrap (SANDBOX_ALLOW_UNSAFE): one process pair, no spare
        command = [part.replace("{modules}", modules) for part in TESTS_COMMAND]
        with materialise(files) as work, materialise(tests) as tests_dir, materialise(test_data(tests)) as data_dir:
            return sandbox.run_pair(
                command,
                LEARNER_COMMAND,
                files_dir=work,
                tests_dir=tests_dir,
                learner_tests_dir=data_dir,
                limits=limits,
                tests_limits=tests_limits,
                env=ENV,
            )
    channel = started.ends[0].fileno()
    report, nonce = started.tests_run.report_fd, started.tests_run.nonce_fd
    args = [
        part.replace("{modules}", modules)
        .replace("{channel_fd}", str(channel))
        .replace("{report_fd}", str(report))
        .replace("{nonce_fd}", str(nonce))
        for part in PYTEST_ARGS
    ]
    payload = {"tests": tests, "data": test_data(tests), "files": files, "args": args}
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    # The next pair is started after this grading (prepare_if_used, between tasks): started now, on a
    # 2-core machine, it would take CPU from this one.
    return started.finish(data, limits=limits, tests_limits=tests_limits)


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
    return {
        name: content for name, content in tests.items() if not name.endswith((".py", ".pyc", ".ini", ".cfg", ".toml"))
    }


def grade(spec, submission, *, public_only=False, artefacts=False):  # noqa: ARG001 - one signature for every kind
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
        limits,
        cpu_seconds=limits.cpu_seconds + TESTS_EXTRA_SECONDS,
        wall_seconds=limits.wall_seconds + TESTS_EXTRA_SECONDS,
        memory_mib=max(limits.memory_mib, TESTS_MEMORY_MIB),
    )
    modules = ",".join(learner_modules(files)) or "-"
    try:
        pair = _run(files, tests, modules, limits, tests_limits)
    except SandboxUnavailable as exc:
        return unavailable(exc)
    run = pair.tests
    learner_gone = any(r.get("event") == "learner_gone" for r in run.records)
    # The learner's side reached a limit (time, memory, output), or stopped before the tests ended.
    failure = run_failure(pair.learner, spec, require_end=False) if (learner_gone or not run.finished) else None
    failure = failure or run_failure(run, spec)
    if failure:
        return failure
    if learner_gone:
        return Result.error(
            Reason.CRASH,
            _(
                "Votre programme s'est arrêté avant la fin des tests (sortie anticipée ou plantage) : il n'a pas pu "
                "être évalué."
            ),
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
            _(
                "Votre code n'a pas pu être chargé par les tests. Utilisez « Vérifier » pour voir l'erreur, ou relisez "
                "votre code."
            ),
            run.duration_ms,
        )
    if collect_errors:
        last_line = next(
            (line for line in reversed(collect_errors[0].get("message", "").splitlines()) if line.strip()), ""
        )
        last_line = last_line.removeprefix("E").strip()
        return Result.error(
            Reason.CRASH,
            _("Votre code n'a pas pu être chargé : %(error)s") % {"error": explain_line(last_line)[:600]},
            run.duration_ms,
        )
    end = next((r for r in run.records if r.get("event") == "end"), {})
    if end.get("exitstatus") in (2, 3, 4):  # interrupted, internal error, usage error: not a complete run
        return Result.error(
            Reason.CRASH,
            _(
                "Votre programme s'est arrêté avant la fin des tests (sortie anticipée ou plantage) : il n'a pas pu "
                "être évalué."
            ),
            run.duration_ms,
        )
    results = []
    for record in run.records:
        if record.get("event") != "test" or record.get("outcome") == "skipped":  # pytest.skip: not a test that counts
            continue
        results.append(
            test_result(
                name=record.get("doc") or humanize(record["nodeid"]),
                outcome=record["outcome"],
                hidden=not record["nodeid"].startswith("public/"),
                hidden_mounted=hidden_mounted,
                detail=lambda record=record: explain(record.get("message", ""), record.get("stdout", "")),
                key=record["nodeid"],
            )
        )
    if not results:
        return Result.error(Reason.CRASH, _("Aucun test n'a pu être exécuté sur votre code."), run.duration_ms)
    return tests_result(results, run.duration_ms)
