"""Hostile submissions against the real sandbox (bubblewrap): each one must end with a clear
learner-facing result, nothing of it may survive or leak, and grading must work right after.

The submissions live in tests/exercises/hostile/ (one file each) and are graded in-process
against tests/exercises/hostile/exercise/ (time_limit = 2, memory_limit = 256). Probes that
measure something return it from f() as "RESULT<<base64 json>>": the exercise's public test
shows what f returned in its failure message, which is the only channel a learner has.

Tests marked "WEAKNESS" state the correct behaviour the sandbox does not have today (they fail);
see the docstring of each for what happens and the suggested fix.

Run: .venv/bin/pytest tests/exercises/test_hostile.py -q -s -p no:randomly
"""

import base64
import fcntl
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from exercises.grading import grader_for
from exercises.spec import read_exercise

HOSTILE = Path(__file__).parent / "hostile"
EXERCISE = HOSTILE / "exercise"
REFERENCE = (EXERCISE / "solution" / "solution.py").read_text(encoding="utf-8")
SECRET_IN_HIDDEN_TESTS = "8642"  # SECRET_EXPECTED in hostile/exercise/tests/test_x.py
TIMINGS = []

pytestmark = pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")


# ------------------------------------------------------------------ helpers


@pytest.fixture(scope="module")
def spec():
    return read_exercise(EXERCISE)


def source(name):
    return (HOSTILE / name).read_text(encoding="utf-8")


def wall_bound(spec):
    """What the grader allows (time_limit * 2 + 5 s) plus a little for start-up and clean-up."""
    return spec.time_limit * 2 + 5 + 2.5


def grade(spec, content, label, *, filename="solution.py", public_only=False):
    started = time.monotonic()
    result = grader_for("python")(spec, {filename: content}, public_only=public_only)
    elapsed = time.monotonic() - started
    TIMINGS.append((label, elapsed, result.status, result.reason))
    print(f"\n  [hostile] {label:<34} {elapsed:6.2f} s  {result.status}/{result.reason}  {result.message[:110]!r}")
    assert elapsed <= wall_bound(spec), f"{label}: grading took {elapsed:.1f} s (bound {wall_bound(spec):.1f} s)"
    return result


def public_message(result):
    messages = [t.message for t in result.tests if not t.hidden]
    assert messages, f"no public test result in {result}"
    return messages[0]


def probe(result):
    """The JSON a probe returned from f(), read back from the public test's failure message."""
    match = re.search(r"RESULT<<([A-Za-z0-9+/=]+)>>", public_message(result))
    assert match, f"the probe's result is missing: {result}"
    return json.loads(base64.b64decode(match.group(1)))


def learner_visible(result):
    return json.dumps(result.to_dict(), ensure_ascii=False)


def sandbox_uids():
    return range(settings.SANDBOX_BASE_UID, settings.SANDBOX_BASE_UID + settings.SANDBOX_SLOTS)


def sandbox_processes(uids):
    """[(pid, uid, name, state)] of every process whose real, effective, saved or fs uid is in `uids`."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except (OSError, ValueError):
            continue
        ids = {int(u) for u in fields.get("Uid", "").split()}
        hit = ids & set(uids)
        if hit:
            found.append(
                (int(status.parent.name), min(hit), fields.get("Name", "").strip(), fields.get("State", "").strip())
            )
    return found


def survivors():
    """Processes of a sandbox uid whose slot nobody holds: leftovers of a finished run.

    A slot whose lock another grading run holds (another session on this machine) is skipped;
    for a free slot we take its lock, so no new run can start on that uid while we look.
    """
    leftovers = []
    for uid in sorted({uid for _, uid, _, _ in sandbox_processes(sandbox_uids())}):
        lock = Path(settings.SANDBOX_LOCK_DIR) / f"slot-{uid - settings.SANDBOX_BASE_UID}.lock"
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # another run is using this slot right now
            deadline = time.monotonic() + 1.0  # a just-killed process may need a moment to be reaped
            while (procs := sandbox_processes([uid])) and time.monotonic() < deadline:
                time.sleep(0.05)
            leftovers += procs
        finally:
            os.close(fd)
    return leftovers


@pytest.fixture(autouse=True)
def nothing_escapes(spec, tmp_path_factory, monkeypatch, request):
    """After each case: no process of a sandbox uid left, no temporary folder left, and the
    reference solution still grades `passed` (the worker is still grading)."""
    runs = tmp_path_factory.mktemp("runs")
    runs.chmod(0o755)
    monkeypatch.setattr(tempfile, "tempdir", str(runs))
    yield runs
    monkeypatch.undo()
    problems = []
    left = survivors()
    if left:
        problems.append(f"sandbox processes survived the run: {left}")
    leaked = sorted(p.name for p in runs.iterdir())
    if leaked:
        problems.append(f"temporary folders left behind by the grader: {leaked}")
        subprocess.run(["rm", "-rf", *[str(p) for p in runs.iterdir()]], check=False)
    after = grader_for("python")(spec, {"solution.py": REFERENCE})
    if after.status != "passed":
        problems.append(f"the reference solution no longer passes right after: {after}")
    assert not problems, f"{request.node.name}: " + "; ".join(problems)


# ------------------------------------------------------------------ 1-2. time


def test_infinite_loop_is_stopped_by_the_cpu_limit(spec):
    result = grade(spec, source("infinite_loop.py"), "infinite loop")
    assert (result.status, result.reason) == ("error", "timeout")
    assert f"{spec.time_limit} secondes" in result.message


def test_ignoring_sigxcpu_does_not_help(spec):
    result = grade(spec, source("ignore_sigxcpu.py"), "loop ignoring SIGXCPU")
    assert (result.status, result.reason) == ("error", "timeout")
    assert f"{spec.time_limit} secondes" in result.message


def test_sleep_is_stopped_by_the_wall_clock(spec):
    result = grade(spec, source("sleep_forever.py"), "time.sleep(10**6)")
    assert (result.status, result.reason) == ("error", "timeout")
    assert f"{spec.time_limit} secondes" in result.message


# ------------------------------------------------------------------ 3. memory


@pytest.mark.parametrize("name", ["memory_bytearray.py", "memory_growing_list.py"])
def test_memory_bomb(spec, name):
    result = grade(spec, source(name), name.removesuffix(".py"))
    assert (result.status, result.reason) == ("error", "memory")
    assert f"{spec.memory_limit} Mio" in result.message


def test_memory_limit_holds_for_a_run_not_only_for_one_process(spec):
    """WEAKNESS: RLIMIT_AS is per process; 8 forked children each hold 150 MiB (each under the
    256 MiB limit) at the same time: 1200 MiB for one run, up to 64 x 256 MiB in principle, times
    16 slots. Fix: a memory cgroup per run (memory.max = memory_limit, memory.swap.max = 0)."""
    result = grade(spec, source("memory_many_processes.py"), "memory split over 8 processes", public_only=True)
    assert result.status != "passed"
    if result.status == "failed":
        held = probe(result)["held_at_once_mib"]
        assert held <= spec.memory_limit, f"one run held {held} MiB at once with memory_limit = {spec.memory_limit} MiB"


def test_memory_cgroup_holds_when_a_slot_limit_is_raised(tmp_path):
    """A slot used at 256 MiB then at 512 MiB: memory+swap must be lifted before memory, or the
    second run silently went without a memory cgroup (found with notebooks, 3 GB held at 512 MiB)."""
    from exercises import sandbox

    # Runs one after another take the same (lowest free) slot.
    tmp_path.chmod(0o755)
    hog = [
        "/sandbox/python/bin/python",
        "-c",
        "x = [b'x' * (100 * 1024 ** 2) for _ in range(9)]; print('kept 900 MiB')",
    ]
    for memory in (256, 512, 256):
        run = sandbox.run(hog, files_dir=tmp_path, limits=sandbox.Limits(memory_mib=memory, address_space_mib=4096))
        assert "kept 900 MiB" not in run.output and run.memory_exceeded, memory


# ------------------------------------------------------------------ 4. output


@pytest.mark.parametrize("name", ["output_flood.py", "output_flood_in_f.py"])
def test_output_flood(spec, name):
    result = grade(spec, source(name), name.removesuffix(".py"))
    # run_failure: output_exceeded comes first and gives Reason.OUTPUT.
    assert (result.status, result.reason) == ("error", "output")
    assert "trop de texte" in result.message


# ------------------------------------------------------------------ 5. processes


def test_fork_bomb_ends_and_leaves_no_process(spec):
    result = grade(spec, source("fork_bomb.py"), "fork bomb")
    assert result.status == "error" and result.reason in ("timeout", "crash")
    assert result.message
    assert survivors() == []


def test_process_limit_holds(spec):
    result = grade(spec, source("process_count.py"), "200 x sleep 5", public_only=True)
    assert result.status == "failed"
    data = probe(result)
    print(f"  [hostile]   processes started: {data['started']} ({data['error']})")
    assert 0 < data["started"] < 64, data
    assert data["error"] == "BlockingIOError", data
    assert survivors() == []


def test_detached_daemon_does_not_survive(spec):
    result = grade(spec, source("daemon.py"), "correct f + detached daemon")
    assert result.status == "passed"
    assert survivors() == []


# ------------------------------------------------------------------ 6. network


def test_no_network_inside(spec):
    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    port = listener.getsockname()[1]
    abstract_name = f"tremplin-hostile-{uuid.uuid4().hex}"
    unix_listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    unix_listener.bind("\0" + abstract_name)
    unix_listener.listen()
    unix_listener.setblocking(False)
    try:
        code = source("network.py").replace("HOST_PORT = 0", f"HOST_PORT = {port}")
        code = code.replace('ABSTRACT_NAME = ""', f'ABSTRACT_NAME = "{abstract_name}"')
        result = grade(spec, code, "network", public_only=True)
        data = probe(result)
        print(f"  [hostile]   {data}")
        for name in ("internet", "host_listener", "django_8000", "dns", "abstract_unix"):
            assert data[name] != "connected", f"{name}: the connection succeeded inside the sandbox"
        assert data["internet"] == "OSError"  # Network is unreachable: no route at all
        assert data["host_listener"] == "ConnectionRefusedError"
        assert data["dns"] == "gaierror"
        assert data["interfaces"] == ["lo"]
        for sock in (listener, unix_listener):
            with pytest.raises(BlockingIOError):
                sock.accept()  # nothing ever reached the host's listeners
    finally:
        listener.close()
        unix_listener.close()


# ------------------------------------------------------------------ 7. secrets


def test_host_secrets_are_invisible(spec, monkeypatch):
    canary = f"leak-{uuid.uuid4().hex}"
    monkeypatch.setenv("TREMPLIN_SECRET_CANARY", canary)
    result = grade(spec, source("secrets_probe.py"), "environment and files", public_only=True)
    data = probe(result)
    print(f"  [hostile]   env: {data['env_keys']}\n  [hostile]   files: {data['files']}")
    assert "TREMPLIN_SECRET_CANARY" not in data["env_keys"]
    assert canary not in json.dumps(data)
    assert not any("TREMPLIN_SECRET_CANARY" in env or "DJANGO" in env for env in data["proc_environ"])
    assert set(data["env_keys"]) <= {
        "PATH",
        "HOME",
        "PWD",
        "LANG",
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONHASHSEED",
        "PYTHONIOENCODING",
        "PYTHONPATH",
        "PYTEST_CURRENT_TEST",
        "PYTEST_VERSION",
        "TMPDIR",
    }
    for path, outcome in data["files"].items():
        if path == "/etc/hostname":
            assert not outcome.startswith("read:"), "the host's /etc/hostname is visible"
            continue
        assert outcome in ("FileNotFoundError", "PermissionError"), f"{path}: {outcome}"


# ------------------------------------------------------------------ 8. writing outside /work


def test_writing_outside_work_fails_and_hidden_tests_still_run(spec):
    probed = grade(spec, source("write_outside.py"), "write outside /work (public run)", public_only=True)
    data = probe(probed)
    print(f"  [hostile]   {data}")
    assert data.pop("/work/ok") == "done"
    assert {name: outcome for name, outcome in data.items() if outcome == "done"} == {}
    result = grade(spec, source("write_outside.py"), "write outside /work, rewrite tests")
    assert result.status == "failed"
    hidden = [t for t in result.tests if t.hidden]
    assert hidden and all(t.status == "failed" for t in hidden), result.tests


# ------------------------------------------------------------------ 9-10. killing, early exits


@pytest.mark.parametrize("name", ["kill_parent.py", "kill_init.py", "kill_group.py"])
def test_killing_parent_or_group_is_a_crash(spec, name):
    result = grade(spec, source(name), name.removesuffix(".py"))
    assert (result.status, result.reason) == ("error", "crash")
    assert result.message


@pytest.mark.parametrize("name", ["exit_at_import.py", "sys_exit_at_import.py", "exit_in_f.py"])
def test_early_exit_is_a_crash(spec, name):
    result = grade(spec, source(name), name.removesuffix(".py"))
    assert (result.status, result.reason) == ("error", "crash")
    assert result.message


def test_closing_every_channel_then_sleeping_does_not_hang(spec):
    # The learner's side closing its channel to the tests is the end of its run for them: the
    # remaining tests cannot use it, the result is a crash, at once (no wait for the wall clock).
    started = time.monotonic()
    result = grade(spec, source("close_channels.py"), "close all fds, then sleep")
    assert (result.status, result.reason) == ("error", "crash")
    assert time.monotonic() - started < spec.time_limit * 2


# ------------------------------------------------------------------ 11. forged reports


@pytest.mark.parametrize("name", ["fake_report_stdout.py", "forged_fds.py"])
def test_forged_report_is_not_a_pass(spec, name):
    result = grade(spec, source(name), name.removesuffix(".py"))
    assert result.status != "passed"
    assert (result.status, result.reason) == ("error", "crash")


def test_nonce_from_the_runner_memory_is_not_enough_to_pass(spec):
    """The learner's code runs in its own process, as another uid, in another sandbox: gc walks its
    own objects only; there is no reporter, no nonce and no report descriptor there to forge with."""
    result = grade(spec, source("stolen_nonce.py"), "nonce stolen with gc")
    assert result.status != "passed"


# ------------------------------------------------------------------ 12. syntax and refused input


def test_syntax_error_names_the_line(spec):
    result = grade(spec, source("syntax_error.txt"), "syntax error")
    assert (result.status, result.reason) == ("error", "syntax")
    assert "ligne 3" in result.message and "solution.py" in result.message


@pytest.mark.parametrize(
    "code", ["x = " + "1+" * 300_000 + "1", "x = " + "-" * 300_000 + "1"], ids=["deep-binop", "deep-unary"]
)
def test_deeply_nested_expression_is_a_syntax_error(spec, code):
    """WEAKNESS (message) for deep-unary: compile() raises a MemoryError whose text is empty, so
    the learner reads "Le fichier solution.py ne peut pas être lu comme du Python : " and nothing
    else (graders/python.py, syntax_error). Fix: fall back to a sentence such as "le code est
    trop imbriqué ou trop long" when str(exc) is empty."""
    result = grade(spec, code, "deeply nested expression")
    assert (result.status, result.reason) == ("error", "syntax")
    assert "solution.py" in result.message
    assert not result.message.rstrip().endswith(":"), f"the message explains nothing: {result.message!r}"


def test_invalid_utf8_is_refused(spec):
    result = grade(spec, (HOSTILE / "invalid_utf8.bin").read_bytes(), "invalid UTF-8")
    assert (result.status, result.reason) == ("error", "refused")
    assert "UTF-8" in result.message


def test_binary_zero_is_refused(spec):
    result = grade(spec, "def f(x):\n    return 2 * x\n# \x00\n", "NUL byte")
    assert (result.status, result.reason) == ("error", "refused")


def test_huge_file_is_refused(spec):
    huge = "def f(x):\n    return 2 * x\n" + "# " + "x" * (1024 * 1024) + "\n"
    result = grade(spec, huge, "file over 1 MiB")
    assert (result.status, result.reason) == ("error", "refused")
    assert "1 Mio" in result.message


# ------------------------------------------------------------------ weaknesses found on the way


def test_disk_use_of_a_run_is_bounded(spec):
    """WEAKNESS: only RLIMIT_FSIZE (16 MiB per file) bounds writes; /work is a host folder with
    no total limit (sandbox-facts.md asks for "a check of the total size"). Here 6 files of
    16 MiB = 95 MiB in a fraction of a second; in the 9 s wall clock a run can write several GiB,
    16 slots at once. Fix: a size-limited filesystem for /work (tmpfs with size=, or a per-slot
    uid disk quota: each slot already has its own uid)."""
    result = grade(spec, source("disk_fill.py"), "disk fill in /work", public_only=True)
    assert result.status != "passed"
    if result.status == "failed":
        stored = probe(result)["stored_mib"]
        assert stored <= 64, f"one run stored {stored} MiB in /work (file size limit: 16 MiB each)"


def test_deep_directories_do_not_break_the_grader(spec):
    """WEAKNESS: 1200 nested directories left in /work make the run folder's clean-up
    (tempfile.TemporaryDirectory -> shutil.rmtree, recursive in CPython 3.11) raise
    RecursionError out of sandbox.run(): the grader raises instead of returning a Result, and
    the run folder (with whatever the learner wrote, up to 16 MiB per file) stays on the host
    disk for good. Fix: clean up with `rm -rf` (or rmtree with ignore_cleanup_errors and a
    fallback) and return the learner's result."""
    try:
        result = grade(spec, source("deep_directories.py"), "1200 nested directories")
    except RecursionError as exc:
        pytest.fail(f"the grader raised {exc!r} instead of returning a result")
    assert result.status == "passed"


def test_sigkill_after_one_second_is_not_a_timeout(spec):
    """WEAKNESS (wrong status): _execute counts any SIGKILL after 0.9 s as "CPU exceeded"
    (_cpu_hint), so a program killed by SIGKILL after 1.2 s of sleep (about 0.1 s of CPU, limit
    2 s) is told "Temps dépassé : plus de 2 secondes". Same for the kernel OOM killer. Fix: decide
    from the CPU time actually used (os.wait4's rusage of bwrap, which includes the reaped
    sandbox processes) against limits.cpu_seconds."""
    result = grade(spec, source("self_sigkill.py"), "SIGKILL after 1.2 s")
    assert result.status == "error"
    assert result.reason == "crash", f"{result.reason}: {result.message}"


def test_hidden_tests_do_not_leak_through_a_public_message(spec):
    """WEAKNESS: hidden tests are readable at /tests by the learner's code (same process), and
    on « Soumettre » the public tests' failure messages are shown: f returns the hidden file and
    the learner reads it. Fix: on a submission with hidden tests, do not show texts the
    learner's code controls (or show the public messages from the public-only run)."""
    result = grade(spec, source("read_hidden_tests.py"), "hidden tests via public message")
    assert SECRET_IN_HIDDEN_TESTS not in learner_visible(result)


def test_hidden_tests_do_not_leak_through_a_load_error(spec):
    """WEAKNESS: same, through "Votre code n'a pas pu être chargé : <last line of the error>"
    (300 characters, enough for a small test file put on one line)."""
    result = grade(spec, source("hidden_tests_in_load_error.py"), "hidden tests via load error")
    assert (result.status, result.reason) == ("error", "crash")
    assert SECRET_IN_HIDDEN_TESTS not in learner_visible(result)


def test_user_namespaces_are_refused(spec):
    """WEAKNESS (defence in depth): no seccomp filter, so the learner's code can unshare a new
    user namespace (and be "root" there), the usual first step of kernel exploits.
    sandbox-facts.md: a seccomp filter (bwrap --seccomp FD) closes that."""
    result = grade(spec, source("user_namespace.py"), "unshare(CLONE_NEWUSER)", public_only=True)
    data = probe(result)
    assert data["unshare"] != 0, "unshare(CLONE_NEWUSER) succeeded inside the sandbox"


# ------------------------------------------------------------------ 13. still grading


def test_grading_still_works_after_all_of_this(spec):
    passed = grade(spec, REFERENCE, "reference solution")
    assert passed.status == "passed" and passed.score == 1.0
    wrong = grade(spec, "def f(x):\n    return x + 1\n", "wrong solution")
    assert wrong.status == "failed"
    assert any(t.hidden and t.status == "failed" for t in wrong.tests)
    assert survivors() == []
    print("\n  [hostile] durations (grading only):")
    for label, elapsed, status, reason in TIMINGS:
        print(f"  [hostile]   {elapsed:6.2f} s  {label:<34} {status}/{reason}")
    print(f"  [hostile]   total {sum(t[1] for t in TIMINGS):.1f} s over {len(TIMINGS)} gradings")
