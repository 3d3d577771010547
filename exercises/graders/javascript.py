"""JavaScript exercises: the learner's CommonJS module and the trainer's `node --test` tests,
run with the machine's Node in the sandbox. Tests `require("<module>")` (NODE_PATH=/work);
tests/*.test.js are hidden, tests/public/*.test.js are public (Vérifier)."""

import dataclasses

from django.utils.translation import gettext as _

from .. import sandbox
from ..results import Reason, Result
from ..sandbox import SandboxUnavailable
from .common import RefusedInput, check_submission, limits_for, materialise, run_failure, test_result, tests_result, unavailable

# Each test file runs in its own pair of sandboxes: the file, node:test, node:assert and the
# reporter in one (the learner's modules are proxies there, tremplin_proxy.cjs), the learner's
# modules in the other (tremplin_learner.cjs), as another uid. Only values cross.
TESTS_COMMAND = [
    "/usr/bin/node", "--require", "/sandbox/runner/tremplin_proxy.cjs",
    "--test-reporter=/sandbox/runner/tremplin_reporter.mjs", "--test-reporter-destination=/dev/fd/{report_fd}", "{file}",
]
LEARNER_COMMAND = ["/usr/bin/node", "/sandbox/runner/tremplin_learner.cjs"]
# No V8 flags: any flag makes Node 20 discard its built-in code cache (~45 ms per run, measured in
# bench/web.py); memory is held by the run's cgroup and address-space limit instead.
TESTS_ENV = {"TREMPLIN_NONCE_FD": "{nonce_fd}", "TREMPLIN_CHANNEL_FD": "{channel_fd}", "TREMPLIN_LEARNER_MODULES": "{modules}"}
LEARNER_ENV = {"NODE_PATH": "/work", "TREMPLIN_CHANNEL_FD": "{channel_fd}"}
TESTS_EXTRA_SECONDS = 10
NODE_BUILTINS = {
    "assert", "buffer", "child_process", "cluster", "console", "crypto", "dgram", "dns", "events", "fs", "http", "http2",
    "https", "module", "net", "os", "path", "perf_hooks", "process", "querystring", "readline", "stream", "string_decoder",
    "test", "timers", "tls", "tty", "url", "util", "v8", "vm", "worker_threads", "zlib",
}


def learner_modules(files):
    """What the tests may require from the learner's files: "chaines" for chaines.js (and its path
    forms), never a Node built-in's name."""
    names = set()
    for name in files:
        stem = name.rsplit(".", 1)[0]
        if stem.split("/")[0] in NODE_BUILTINS:
            continue
        names.update({stem, name, f"./{stem}", f"./{name}", f"/work/{stem}", f"/work/{name}"})
    return sorted(names)


def test_data(tests):
    return {name: content for name, content in tests.items() if not name.endswith((".js", ".cjs", ".mjs"))}


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
    tests_limits = dataclasses.replace(limits, cpu_seconds=limits.cpu_seconds + TESTS_EXTRA_SECONDS,
                                       wall_seconds=limits.wall_seconds + TESTS_EXTRA_SECONDS)
    env = {**TESTS_ENV, "TREMPLIN_LEARNER_MODULES": ",".join(learner_modules(files))}
    records, duration = [], 0
    try:
        with materialise(files) as work, materialise(tests) as tests_dir, materialise(test_data(tests)) as data_dir:
            for test_file in sorted(name for name in tests if name.endswith(".js")):
                command = [part.replace("{file}", f"/tests/{test_file}") for part in TESTS_COMMAND]
                pair = sandbox.run_pair(command, LEARNER_COMMAND, files_dir=work, tests_dir=tests_dir,
                                        learner_tests_dir=data_dir, limits=limits, tests_limits=tests_limits, env=env,
                                        learner_env=LEARNER_ENV)
                duration += pair.tests.duration_ms
                failure = run_failure(pair.learner, spec, require_end=False) or run_failure(pair.tests, spec)
                if failure:
                    return failure
                records += pair.tests.records
    except SandboxUnavailable as exc:
        return unavailable(exc)
    run = sandbox.RunResult(exit_code=0, output="", records=records, duration_ms=duration)
    hidden_mounted = any(not name.startswith("public/") for name in tests)
    results, crashed_files = [], set()
    for record in run.records:
        if record.get("event") != "test":
            continue
        if record["name"] == record["file"] or record["name"].startswith("/tests/"):
            if record["outcome"] == "failed":
                crashed_files.add(record["file"])
            continue
        if record["outcome"] == "skipped":  # test.skip / test.todo: not a test that counts
            continue
        path = record.get("path") or record["name"]
        results.append(test_result(
            name=path, outcome=record["outcome"], hidden=not record["file"].startswith("/tests/public/"),
            hidden_mounted=hidden_mounted, detail=lambda record=record: record.get("message", ""),
            key=f"{record['file']}::{path}",
        ))
    files_with_tests = {r["file"] for r in run.records if r.get("event") == "test" and r["name"] != r["file"]}
    if crashed_files - files_with_tests or not results:
        return Result.error(
            Reason.CRASH,
            _("Votre code n'a pas pu être chargé par les tests (erreur au chargement ou arrêt du programme)."),
            run.duration_ms,
        )
    return tests_result(results, run.duration_ms)
