"""JavaScript exercises: the learner's CommonJS module and the trainer's `node --test` tests,
run with the machine's Node in the sandbox. Tests `require("<module>")` (NODE_PATH=/work);
tests/*.test.js are hidden, tests/public/*.test.js are public (Vérifier)."""

from django.utils.translation import gettext as _

from .. import sandbox
from ..results import Reason, Result
from ..sandbox import SandboxUnavailable
from .common import RefusedInput, check_submission, limits_for, materialise, run_failure, test_result, tests_result, unavailable

COMMAND = [
    "/usr/bin/node", "--test", "--test-reporter=/sandbox/runner/tremplin_reporter.mjs",
    "--test-reporter-destination=/dev/fd/{report_fd}", "/tests",
]
# No V8 flags: any flag makes Node 20 discard its built-in code cache (~45 ms per run, measured in
# bench/web.py); memory is held by the run's cgroup and address-space limit instead.
ENV = {"NODE_PATH": "/work", "TREMPLIN_NONCE_FD": "{nonce_fd}"}


def grade(spec, submission, *, public_only=False):
    try:
        files = check_submission(dict(submission), (".js", ".cjs", ".json"))
    except RefusedInput as exc:
        return Result.error(Reason.REFUSED, str(exc))
    tests = spec.public_tests if public_only else spec.tests
    if not any(name.endswith(".js") for name in tests):
        return Result.error(Reason.REFUSED, _("Cet exercice n'a pas de test public : utilisez « Soumettre »."))
    limits = limits_for(spec)
    limits.address_space_mib = max(2048, spec.memory_limit * 2)
    try:
        with materialise(files) as work, materialise(tests) as tests_dir:
            run = sandbox.run(COMMAND, files_dir=work, tests_dir=tests_dir, limits=limits, env=ENV)
    except SandboxUnavailable as exc:
        return unavailable(exc)
    failure = run_failure(run, spec)
    if failure:
        return failure
    if any(record.get("event") == "memory" for record in run.records):
        return Result.error(
            Reason.MEMORY, _("Mémoire dépassée : votre programme a utilisé plus de %(m)s Mio.") % {"m": spec.memory_limit}, run.duration_ms,
        )
    hidden_mounted = any(not name.startswith("public/") for name in tests)
    results, crashed_files = [], set()
    for record in run.records:
        if record.get("event") != "test":
            continue
        if record["name"] == record["file"] or record["name"].startswith("/tests/"):
            if record["outcome"] == "failed":
                crashed_files.add(record["file"])
            continue
        results.append(test_result(
            name=record["name"], outcome=record["outcome"], hidden=not record["file"].startswith("/tests/public/"),
            hidden_mounted=hidden_mounted, detail=lambda record=record: record.get("message", ""),
            key=f"{record['file']}::{record['name']}",
        ))
    files_with_tests = {r["file"] for r in run.records if r.get("event") == "test" and r["name"] != r["file"]}
    if crashed_files - files_with_tests or not results:
        return Result.error(
            Reason.CRASH,
            _("Votre code n'a pas pu être chargé par les tests (erreur au chargement ou arrêt du programme)."),
            run.duration_ms,
        )
    return tests_result(results, run.duration_ms)
