"""JavaScript exercises: the learner's CommonJS module and the trainer's `node --test` tests,
run with the machine's Node in the sandbox. Tests `require("<module>")` (NODE_PATH=/work);
tests/*.test.js are hidden, tests/public/*.test.js are public (Vérifier)."""

import dataclasses
import json
import time

from django.utils.translation import gettext as _

from ... import sandbox
from ...errors import explain_line
from ...results import Reason, Result
from ...sandbox import SandboxUnavailable
from ..common import (
    RefusedInput,
    check_submission,
    limits_for,
    materialise,
    run_failure,
    test_result,
    tests_result,
    unavailable,
)

# Each test file runs in its own pair of sandboxes: the file, node:test, node:assert and the
# reporter in one (the learner's modules are proxies there, tremplin_proxy.cjs), the learner's
# modules in the other (tremplin_learner.cjs), as another uid. Only values cross.
TESTS_COMMAND = [
    "/usr/bin/node",
    "--require",
    "/sandbox/runner/tremplin_proxy.cjs",
    "--test-reporter=/sandbox/runner/tremplin_reporter.mjs",
    "--test-reporter-destination=/dev/fd/{report_fd}",
    "{file}",
]
LEARNER_COMMAND = ["/usr/bin/node", "/sandbox/runner/tremplin_learner.cjs"]
# Started ahead: Node with the proxies and the reporter, waiting for its input (tremplin_tests.cjs).
STARTED_TESTS_COMMAND = [*TESTS_COMMAND[:-1], "/sandbox/runner/tremplin_tests.cjs"]
STARTED_TESTS_ENV = {
    "TREMPLIN_NONCE_FD": "{nonce_fd}",
    "TREMPLIN_CHANNEL_FD": "{channel_fd}",
    "TREMPLIN_LEARNER_MODULES": "",
}
SPARE_LIMITS = sandbox.Limits(cpu_seconds=130, wall_seconds=600, memory_mib=512, address_space_mib=4096)
SPARE_MAX_AGE_S = 15 * 60
# No V8 flags: any flag makes Node 20 discard its built-in code cache (~45 ms per run, measured in
# bench/web.py); memory is held by the run's cgroup and address-space limit instead.
TESTS_ENV = {
    "TREMPLIN_NONCE_FD": "{nonce_fd}",
    "TREMPLIN_CHANNEL_FD": "{channel_fd}",
    "TREMPLIN_LEARNER_MODULES": "{modules}",
}
LEARNER_ENV = {"NODE_PATH": "/work", "TREMPLIN_CHANNEL_FD": "{channel_fd}"}
TESTS_EXTRA_SECONDS = 10
NODE_BUILTINS = {
    "assert",
    "buffer",
    "child_process",
    "cluster",
    "console",
    "crypto",
    "dgram",
    "dns",
    "events",
    "fs",
    "http",
    "http2",
    "https",
    "module",
    "net",
    "os",
    "path",
    "perf_hooks",
    "process",
    "querystring",
    "readline",
    "stream",
    "string_decoder",
    "test",
    "timers",
    "tls",
    "tty",
    "url",
    "util",
    "v8",
    "vm",
    "worker_threads",
    "zlib",
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


# One spare pair per worker process (as for Python and notebooks), used by a grading's first test
# file; the pairs of its other files are started at once, side by side, when the grading begins.
_spare = None
_used = False


def prepare_if_used():
    """After a JavaScript grading (in a worker, between tasks): make sure the next pair is starting."""
    global _spare
    if not _used or (_spare is not None and _spare.alive):
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
        tests_limits=dataclasses.replace(SPARE_LIMITS, cpu_seconds=SPARE_LIMITS.cpu_seconds + TESTS_EXTRA_SECONDS),
        env=STARTED_TESTS_ENV,
        learner_env=LEARNER_ENV,
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


def _runs(files, tests, test_files, limits, tests_limits):
    """Each test file's PairRun, in order."""
    modules = learner_modules(files)
    started = [_take()]
    if started[0] is None:  # development without bubblewrap (SANDBOX_ALLOW_UNSAFE): no spare
        env = {**TESTS_ENV, "TREMPLIN_LEARNER_MODULES": ",".join(modules)}
        with materialise(files) as work, materialise(tests) as tests_dir, materialise(test_data(tests)) as data_dir:
            for test_file in test_files:
                command = [part.replace("{file}", f"/tests/{test_file}") for part in TESTS_COMMAND]
                yield sandbox.run_pair(
                    command,
                    LEARNER_COMMAND,
                    files_dir=work,
                    tests_dir=tests_dir,
                    learner_tests_dir=data_dir,
                    limits=limits,
                    tests_limits=tests_limits,
                    env=env,
                    learner_env=LEARNER_ENV,
                )
        return
    try:
        started += [_start() for _ in test_files[1:]]
        data = test_data(tests)
        for test_file, pair in zip(test_files, started, strict=False):
            payload = {"tests": tests, "data": data, "files": files, "file": test_file, "modules": modules}
            yield pair.finish(
                json.dumps(payload, ensure_ascii=False).encode("utf-8"), limits=limits, tests_limits=tests_limits
            )
    finally:
        for pair in started:
            pair.discard()


def grade(spec, submission, *, public_only=False, artefacts=False):  # noqa: ARG001 - one signature for every kind
    try:
        files = check_submission(dict(submission), (".js", ".cjs", ".json"))
    except RefusedInput as exc:
        return Result.error(Reason.REFUSED, str(exc))
    tests = spec.public_tests if public_only else spec.tests
    if not any(name.endswith(".js") for name in tests):
        return Result.error(Reason.REFUSED, _("Cet exercice n'a pas de test public : utilisez « Soumettre »."))
    limits = limits_for(spec)
    limits.address_space_mib = max(2048, spec.memory_limit * 2)
    tests_limits = dataclasses.replace(
        limits,
        cpu_seconds=limits.cpu_seconds + TESTS_EXTRA_SECONDS,
        wall_seconds=limits.wall_seconds + TESTS_EXTRA_SECONDS,
    )
    test_files = sorted(name for name in tests if name.endswith(".js"))
    records, duration = [], 0
    try:
        for pair in _runs(files, tests, test_files, limits, tests_limits):
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
        results.append(
            test_result(
                name=path,
                outcome=record["outcome"],
                hidden=not record["file"].startswith("/tests/public/"),
                hidden_mounted=hidden_mounted,
                detail=lambda record=record: explain_line(record.get("message", ""), language="javascript"),
                key=f"{record['file']}::{path}",
            )
        )
    files_with_tests = {r["file"] for r in run.records if r.get("event") == "test" and r["name"] != r["file"]}
    if crashed_files - files_with_tests or not results:
        return Result.error(
            Reason.CRASH,
            _("Votre code n'a pas pu être chargé par les tests (erreur au chargement ou arrêt du programme)."),
            run.duration_ms,
        )
    return tests_result(results, run.duration_ms)
