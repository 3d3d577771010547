"""Run untrusted code in bubblewrap, never in the web process nor with the worker's privileges.

Each run gets: new IPC, PID, network, UTS and cgroup namespaces (no network at all, only a
loopback), a read-only minimal filesystem (/usr, the sandbox's own Python environment, the
runner files), a fresh writable work directory, the hidden tests mounted read-only, a
cleared environment, `--die-with-parent` and `--new-session`, and an unprivileged host uid
of its own slot (RLIMIT_NPROC is ignored for root and counts every process of a uid, so
each concurrent slot has its own uid; see shared/reference/sandbox-facts.md). Resource
limits: CPU time, wall clock, address space, processes, file size, open files; output is
read with a cap. The runner inside reports on file descriptor 3, never through what the
program prints; each record carries a nonce the runner read before any learner code ran.

The user namespace is not unshared: the sandbox drops to a real unprivileged uid with
setpriv instead, which is what makes the process limit hold.

Nothing in /proc shows a host path (the checkout, the venv, the run's folders): host folders
are mounted through overlays with neutral layer names (_Layers), and bwrap's own command line,
readable as /proc/1/cmdline, names none (its mount options come through --args).
"""

import contextlib
import fcntl
import json
import logging
import os
import resource
import secrets
import select
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from . import seccomp

log = logging.getLogger(__name__)
RUNNER_DIR = Path(__file__).resolve().parent / "sandbox_files"
KEEP_OUTPUT = 64 * 1024
PRIVATE = "private"  # tests_dir of a started pair's tests' side: an empty folder of its own
MAX_OUTPUT = 4 * 1024 * 1024
MAX_REPORT = 8 * 1024 * 1024


class SandboxUnavailable(Exception):
    """bubblewrap is missing and unsafe local runs are not allowed."""


@dataclass
class Limits:
    cpu_seconds: int = 10
    wall_seconds: float = 20.0
    memory_mib: int = 512
    processes: int = 64
    file_size_mib: int = 16
    open_files: int = 128
    disk_mib: int = 64
    # Per-process address space; defaults to memory_mib. Node reserves far more virtual memory than it
    # uses, so its graders raise this while the run's real memory stays capped by memory_mib (cgroup).
    address_space_mib: int | None = None


@dataclass
class RunResult:
    exit_code: int | None
    output: str
    records: list = field(default_factory=list)
    timed_out: bool = False
    cpu_exceeded: bool = False
    output_exceeded: bool = False
    memory_exceeded: bool = False
    memory_limit_hit: bool = False  # the cgroup's limit was reached (reclaim may stall a run before any OOM kill)
    oom_killed: bool = False  # the kernel killed a process of the run for memory (not read from its output)
    duration_ms: int = 0
    signal: int | None = None

    @property
    def finished(self):
        return any(r.get("event") == "end" for r in self.records)


def bwrap_path():
    return shutil.which("bwrap")


def sandbox_python_root():
    return Path(settings.SANDBOX_PYTHON_ROOT)


class _Slot:
    """A process-wide lock on one of N sandbox slots; each slot has its own uid."""

    def __init__(self):
        self.fd = None
        self.index = None

    def __enter__(self):
        lock_dir = Path(settings.SANDBOX_LOCK_DIR)
        lock_dir.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + 60
        while True:
            for index in range(settings.SANDBOX_SLOTS):
                fd = os.open(lock_dir / f"slot-{index}.lock", os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                self.fd, self.index = fd, index
                return self
            if time.monotonic() > deadline:
                raise RuntimeError("no free sandbox slot")
            time.sleep(0.05)

    def __exit__(self, *exc):
        _kill_uid(self.uid)
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)

    @property
    def uid(self):
        return settings.SANDBOX_BASE_UID + self.index


def _kill_uid(uid):
    """Nothing of a run survives it: kill any process still owned by the slot's uid."""
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            if pid_dir.stat().st_uid == uid:
                os.kill(int(pid_dir.name), signal.SIGKILL)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue


def _preexec(limits, cgroup_paths=()):
    def apply():
        os.setsid()
        # Join the slot's cgroups before exec: every process of the run is counted from the start.
        for path in cgroup_paths:
            with open(os.path.join(path, "cgroup.procs"), "w") as procs:
                procs.write(str(os.getpid()))
        cpu = limits.cpu_seconds
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        memory = (limits.address_space_mib or limits.memory_mib) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))
        size = limits.file_size_mib * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
        resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _etc_files(tmp, uid):
    etc = tmp / "etc"
    etc.mkdir()
    (etc / "passwd").write_text(f"root:x:0:0::/:/bin/false\nlearner:x:{uid}:{uid}::/work:/bin/false\n")
    (etc / "group").write_text(f"root:x:0:\nlearner:x:{uid}:\n")
    (etc / "hosts").write_text("127.0.0.1 localhost\n")
    return etc


def run(command, *, files_dir, tests_dir=None, limits=None, extra_ro=None, env=None):
    """Run `command` (a list, paths as seen inside) in the sandbox; returns a RunResult.

    files_dir: a host directory copied into /work, a size-limited tmpfs writable by the run only.
    tests_dir: a host directory mounted read-only at /tests.
    extra_ro: {inside_path: host_path} read-only mounts (data files).
    env: extra environment variables (the rest of the environment is cleared).
    """
    limits = limits or Limits()
    bwrap = bwrap_path()
    if bwrap is None and not settings.SANDBOX_ALLOW_UNSAFE:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed: grading is refused. Install it (apt-get install bubblewrap)."
        )
    with _Slot() as slot, tempfile.TemporaryDirectory(prefix="tremplin-run-") as tmp_name:
        tmp = Path(tmp_name)
        os.chmod(tmp, 0o755)
        work = Path(files_dir)  # read into memory file descriptors: the host folder is never mounted
        nonce = secrets.token_hex(16)
        if bwrap is None:
            unsafe_work = tmp / "work"
            shutil.copytree(work, unsafe_work)
            argv = _unsafe_argv(command, unsafe_work, tests_dir, extra_ro or {})
            return _execute(argv, limits, nonce, cwd=unsafe_work, env=_unsafe_env(env or {}, unsafe_work, tests_dir))
        seccomp_fd = seccomp.open_program()
        file_fds = []
        argv = _bwrap_argv(
            bwrap, command, tmp, work, tests_dir, slot.uid, extra_ro or {}, env or {}, limits, seccomp_fd, file_fds
        )
        groups = _cgroups(slot.index, limits)
        fds = [*file_fds, *([seccomp_fd] if seccomp_fd is not None else [])]
        try:
            return _execute(argv, limits, nonce, env={"PATH": "/usr/bin:/bin"}, cgroups=groups, extra_fds=tuple(fds))
        finally:
            _empty_cgroups(groups)
            for fd in fds:
                os.close(fd)


@dataclass
class PairRun:
    """A grading run in two sandboxes: the tests' side (its records count) and the learner's side.

    The tests' side relays what the learner's code prints: its output tells nothing of its own
    memory (a program printing "MemoryError" did not run out of memory there)."""

    tests: RunResult
    learner: RunResult

    def __post_init__(self):
        self.tests.memory_exceeded = self.tests.oom_killed


def run_pair(
    tests_command,
    learner_command,
    *,
    files_dir,
    tests_dir,
    learner_tests_dir=None,
    limits=None,
    tests_limits=None,
    env=None,
    learner_env=None,
):
    """Run the tests (tests_command, with tests_dir at /tests) and the learner's code (learner_command)
    in two sandboxes, two slots, two uids, joined by one socket whose descriptor number replaces
    "{channel_fd}" in both commands. Both see the same /work (the learner's files, from files_dir)
    and /tmp, in memory with a size cap, at the same paths; the learner's side sees only
    learner_tests_dir at /tests (the tests' data files, no test code). The learner's side has
    `limits`; the tests' side `tests_limits`. Its run ends when the tests' side ends. `env` is the
    tests' side's environment and, unless `learner_env` is given, the learner's side's too.
    """
    limits = limits or Limits()
    tests_limits = tests_limits or limits
    bwrap = bwrap_path()
    if bwrap is None and not settings.SANDBOX_ALLOW_UNSAFE:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed: grading is refused. Install it (apt-get install bubblewrap)."
        )
    if bwrap is not None:
        return StartedPair(
            tests_command,
            learner_command,
            files_dir=files_dir,
            tests_dir=tests_dir,
            learner_tests_dir=learner_tests_dir,
            limits=limits,
            tests_limits=tests_limits,
            env=env,
            learner_env=learner_env,
        ).collect()
    tests_end, learner_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        with tempfile.TemporaryDirectory(prefix="tremplin-run-") as tmp:
            tests_argv, learner_argv, env, learner_env = _channel_placeholders(
                tests_command, learner_command, env, learner_env, tests_end, learner_end
            )
            return _unsafe_pair(
                tests_argv,
                learner_argv,
                files_dir,
                tests_dir,
                learner_tests_dir,
                Path(tmp),
                limits,
                tests_limits,
                env,
                learner_env,
                (tests_end, learner_end),
            )
    finally:
        tests_end.close()
        learner_end.close()


def _channel_placeholders(tests_command, learner_command, env, learner_env, tests_end, learner_end):
    """Each side's command and environment with "{channel_fd}" replaced by its end's descriptor."""
    tests_argv = [a.replace("{channel_fd}", str(tests_end.fileno())) for a in tests_command]
    learner_argv = [a.replace("{channel_fd}", str(learner_end.fileno())) for a in learner_command]
    learner_env = {
        k: v.replace("{channel_fd}", str(learner_end.fileno()))
        for k, v in ((env or {}) if learner_env is None else learner_env).items()
    }
    env = {k: v.replace("{channel_fd}", str(tests_end.fileno())) for k, v in (env or {}).items()}
    return tests_argv, learner_argv, env, learner_env


class StartedPair:
    """A Python or JavaScript grading's two sandboxes (see run_pair), started.

    With files_dir and tests_dir, they are mounted as run_pair says and collect() waits for the run.
    Started ahead instead (start_pair: tests_dir=PRIVATE, files_dir=None), the tests' side waits for
    its input on its standard input: it writes the tests into its own /tests, the tests' data files
    into the learner's /tests (a shared folder it alone may write, /sandbox/learner-data for it),
    the learner's files into /work; the learner's side waits on the socket. finish(data) sends the
    input, applies the exercise's limits (the learner's side's CPU time and memory, the wall clocks
    from now) and collects. It holds two sandbox slots meanwhile.
    """

    def __init__(
        self,
        tests_command,
        learner_command,
        *,
        files_dir=None,
        tests_dir=PRIVATE,
        learner_tests_dir=None,
        limits=None,
        tests_limits=None,
        env=None,
        learner_env=None,
    ):
        self.limits = limits or Limits()
        self.tests_limits = tests_limits or self.limits
        self.created = time.monotonic()
        self._stack = contextlib.ExitStack()
        self._fds = []
        self.tests_run = self.learner_run = None
        self.tests_groups = self.learner_groups = {}
        try:
            self._start(tests_command, learner_command, files_dir, tests_dir, learner_tests_dir, env, learner_env)
        except BaseException:
            self.discard()
            raise

    def _start(self, tests_command, learner_command, files_dir, tests_dir, learner_tests_dir, env, learner_env):
        bwrap = bwrap_path()
        stack = self._stack
        self.ends = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        stack.callback(lambda: [end.close() for end in self.ends])
        tests_tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tremplin-run-")))
        learner_tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tremplin-run-")))
        for folder in (tests_tmp, learner_tmp):
            os.chmod(folder, 0o755)
        tests_argv, learner_argv, env, learner_env = _channel_placeholders(
            tests_command, learner_command, env, learner_env, *self.ends
        )
        tests_slot = stack.enter_context(_Slot())
        learner_slot = stack.enter_context(_Slot())
        self.learner_uid = learner_slot.uid
        ready_read, ready_write = os.pipe()
        self._fds += [ready_read, ready_write]
        tests_fds, learner_fds = [], []
        # bwrap reads its filter to the end: each side gets its own descriptor.
        seccomp_fd, learner_seccomp_fd = seccomp.open_program(), seccomp.open_program()
        self._fds += [fd for fd in (seccomp_fd, learner_seccomp_fd) if fd is not None]
        shared = tests_tmp / "layers" / "shared"
        started_ahead = tests_dir == PRIVATE
        work = Path(files_dir) if files_dir is not None else tests_tmp
        argv = _bwrap_argv(
            bwrap,
            tests_argv,
            tests_tmp,
            work,
            tests_dir,
            tests_slot.uid,
            {},
            env,
            self.tests_limits,
            seccomp_fd,
            tests_fds,
            work_files=files_dir is not None,
            share=(self.limits.disk_mib * 1024 * 1024, ready_write),
            binds=[("--bind", shared / "data", "/sandbox/learner-data")] if started_ahead else (),
        )
        self._fds += tests_fds
        self.tests_groups = _cgroups(tests_slot.index, self.tests_limits)
        self.learner_groups = _cgroups(learner_slot.index, self.limits)
        stack.callback(_empty_cgroups, self.learner_groups)
        stack.callback(_empty_cgroups, self.tests_groups)
        self.nonce = secrets.token_hex(16)
        fds = (*tests_fds, ready_write, self.ends[0].fileno(), *([seccomp_fd] if seccomp_fd is not None else []))
        self.tests_run = _spawn(
            argv,
            self.tests_limits,
            self.nonce,
            env={"PATH": "/usr/bin:/bin"},
            cgroups=self.tests_groups,
            extra_fds=fds,
            stdin=subprocess.PIPE if started_ahead else subprocess.DEVNULL,
        )
        os.close(ready_write)
        self._fds.remove(ready_write)
        ready, _, _ = select.select([ready_read], [], [], 10)
        if not ready or os.read(ready_read, 1) != b"x":
            return  # the tests' side could not set up its namespace: collect() reports its run
        # The learner's /tests: the data files its tests' side writes (started ahead), or learner_tests_dir.
        learner_binds = [("--ro-bind", shared / "data", "/tests")] if started_ahead else []
        learner_extra = {"/tests": learner_tests_dir} if learner_tests_dir is not None and not started_ahead else {}
        argv = _bwrap_argv(
            bwrap,
            learner_argv,
            learner_tmp,
            work,
            None,
            learner_slot.uid,
            learner_extra,
            learner_env,
            self.limits,
            learner_seccomp_fd,
            learner_fds,
            work_files=False,
            shared=shared,
            binds=learner_binds,
        )
        self._fds += learner_fds
        argv = ["nsenter", f"--mount=/proc/{self.tests_run.process.pid}/ns/mnt", "--", *argv]
        fds = (*learner_fds, self.ends[1].fileno(), *([learner_seccomp_fd] if learner_seccomp_fd is not None else []))
        self.learner_run = _spawn(
            argv,
            self.limits,
            secrets.token_hex(16),
            env={"PATH": "/usr/bin:/bin"},
            cgroups=self.learner_groups,
            extra_fds=fds,
        )

    @property
    def alive(self):
        return all(run is not None and run.process.poll() is None for run in (self.tests_run, self.learner_run))

    def finish(self, data, *, limits, tests_limits):
        """Send the tests' side its input and collect the pair's run with these limits."""
        self.limits, self.tests_limits = limits, tests_limits
        if "memory" in self.learner_groups:
            _set_memory(self.learner_groups["memory"], limits.memory_mib)
        _lower_limits(self.learner_uid, limits)
        now = time.monotonic()
        for run in (self.tests_run, self.learner_run):
            if run is not None:
                run.started = now
        try:
            self.tests_run.process.stdin.write(data)
            self.tests_run.process.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        return self.collect()

    def collect(self):
        try:
            if self.learner_run is None:
                result = _collect(self.tests_run, self.tests_limits, self.nonce, self.tests_groups)
                return PairRun(result, RunResult(exit_code=None, output=""))
            return _collect_pair(
                self.tests_run,
                self.learner_run,
                self.tests_limits,
                self.limits,
                self.nonce,
                self.tests_groups,
                self.learner_groups,
                self.ends,
            )
        finally:
            self.discard()

    def discard(self):
        for run in (self.tests_run, self.learner_run):
            if run is not None and run.process.returncode is None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(run.process.pid, signal.SIGKILL)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(run.process.pid, 0)
                run.process.returncode = -signal.SIGKILL
                for stream in (run.process.stdin, run.process.stdout):
                    if stream and not stream.closed:
                        stream.close()
                with contextlib.suppress(OSError):
                    os.close(run.report_read)
        self.tests_run = self.learner_run = None
        for fd in self._fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._fds = []
        self._stack.close()


def start_pair(tests_command, learner_command, *, limits=None, tests_limits=None, env=None, learner_env=None):
    """Start a pair ahead (StartedPair), waiting for its input; None without bubblewrap."""
    if bwrap_path() is None:
        if settings.SANDBOX_ALLOW_UNSAFE:
            return None
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed: grading is refused. Install it (apt-get install bubblewrap)."
        )
    return StartedPair(
        tests_command, learner_command, limits=limits, tests_limits=tests_limits, env=env, learner_env=learner_env
    )


def _lower_limits(uid, limits):
    """A learner's side started ahead gets the exercise's CPU time and address space now."""
    cpu = (limits.cpu_seconds, limits.cpu_seconds + 1)
    memory = (limits.address_space_mib or limits.memory_mib) * 1024 * 1024
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            if pid_dir.stat().st_uid != uid:
                continue
            pid = int(pid_dir.name)
            resource.prlimit(pid, resource.RLIMIT_CPU, cpu)
            resource.prlimit(pid, resource.RLIMIT_AS, (memory, memory))
        except (FileNotFoundError, ProcessLookupError, PermissionError, ValueError, OSError):
            continue


def _collect_pair(tests_run, learner_run, tests_limits, limits, tests_nonce, tests_groups, learner_groups, ends):
    """Collect both sides at once; the learner's side is stopped when the tests' side has ended."""
    # Only the sandboxes hold the socket now: either side ending closes it for the other.
    for end in ends:
        end.close()
    learner_box = {}

    def collect_learner():
        try:
            learner_box["result"] = _collect(learner_run, limits, "", learner_groups)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread below
            learner_box["error"] = exc

    thread = threading.Thread(target=collect_learner, daemon=True)
    thread.start()
    try:
        tests_result = _collect(tests_run, tests_limits, tests_nonce, tests_groups)
    finally:
        # Not poll(): the collecting thread reaps the process (wait4), and must be the only one to.
        if learner_run.process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(learner_run.process.pid, signal.SIGKILL)
        thread.join()
    if "error" in learner_box:
        raise learner_box["error"]
    return PairRun(tests_result, learner_box["result"])


def _unsafe_pair(
    tests_argv, learner_argv, files_dir, tests_dir, learner_tests_dir, tmp, limits, tests_limits, env, learner_env, ends
):
    """Development only (SANDBOX_ALLOW_UNSAFE): both sides as plain processes, no isolation at all."""
    shared_work, shared_tmp = tmp / "work", tmp / "tmp"
    shutil.copytree(files_dir, shared_work)
    shared_tmp.mkdir()
    environment = {**_unsafe_env(env, shared_work, tests_dir), "TMPDIR": str(shared_tmp)}
    nonce = secrets.token_hex(16)
    tests_run = _spawn(
        _unsafe_argv(tests_argv, shared_work, tests_dir, {}),
        tests_limits,
        nonce,
        cwd=shared_work,
        env=environment,
        extra_fds=(ends[0].fileno(),),
    )
    learner_environment = {**_unsafe_env(learner_env, shared_work, learner_tests_dir), "TMPDIR": str(shared_tmp)}
    learner_run = _spawn(
        _unsafe_argv(learner_argv, shared_work, learner_tests_dir, {}),
        limits,
        "",
        cwd=shared_work,
        env=learner_environment,
        extra_fds=(ends[1].fileno(),),
    )
    return _collect_pair(tests_run, learner_run, tests_limits, limits, nonce, {}, {}, ends)


class Started:
    """A sandboxed run started before its input is known, waiting for it on its standard input.

    Used to start what is slow to start (a Jupyter kernel) while a worker is idle: nothing of any
    learner has run in it yet. `finish(data)` sends the input and collects the run as run() does,
    its time limits counted from then; `discard()` kills it. It holds a sandbox slot meanwhile."""

    def __init__(self, command, *, files_dir, limits, env=None):
        self.limits = limits
        self._slot = _Slot().__enter__()
        self._tmp = tempfile.TemporaryDirectory(prefix="tremplin-run-")
        self._fds, self.cgroups, self._spawned = [], {}, None
        try:
            tmp = Path(self._tmp.name)
            os.chmod(tmp, 0o755)
            self.nonce = secrets.token_hex(16)
            seccomp_fd = seccomp.open_program()
            argv = _bwrap_argv(
                bwrap_path(),
                command,
                tmp,
                Path(files_dir),
                None,
                self._slot.uid,
                {},
                env or {},
                limits,
                seccomp_fd,
                self._fds,
            )
            if seccomp_fd is not None:
                self._fds.append(seccomp_fd)
            self.cgroups = _cgroups(self._slot.index, limits)
            self._spawned = _spawn(
                argv,
                limits,
                self.nonce,
                env={"PATH": "/usr/bin:/bin"},
                cgroups=self.cgroups,
                extra_fds=tuple(self._fds),
                stdin=subprocess.PIPE,
            )
        except BaseException:
            self._release()
            raise
        self.created = time.monotonic()

    @property
    def alive(self):
        return self._spawned is not None and self._spawned.process.poll() is None

    def send(self, data, *, memory_mib=None):
        """Send `data` (bytes): the run's wall-clock limit starts now."""
        try:
            if memory_mib and memory_mib != self.limits.memory_mib and "memory" in self.cgroups:
                _set_memory(self.cgroups["memory"], memory_mib)
            process = self._spawned.process
            self._spawned.started = time.monotonic()
            try:
                process.stdin.write(data)
                process.stdin.close()
            except BrokenPipeError:
                pass
        except BaseException:
            self.discard()
            raise

    def collect(self):
        """Wait for the run (within its limits) and return its RunResult."""
        try:
            return _collect(self._spawned, self.limits, self.nonce, self.cgroups)
        finally:
            self._release()

    def finish(self, data, *, memory_mib=None):
        self.send(data, memory_mib=memory_mib)
        return self.collect()

    def discard(self):
        if self._slot is None:  # finished or discarded already
            return
        if self._spawned is not None and self._spawned.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._spawned.process.pid, signal.SIGKILL)
            self._spawned.process.wait()
        if self._spawned is not None:
            for stream in (self._spawned.process.stdin, self._spawned.process.stdout):
                if stream and not stream.closed:
                    stream.close()
            with contextlib.suppress(OSError):
                os.close(self._spawned.report_read)
        self._release()

    def _release(self):
        if self._slot is None:
            return
        _empty_cgroups(self.cgroups)
        for fd in self._fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._tmp.cleanup()
        self._slot.__exit__(None, None, None)
        self._slot = None


def start(command, *, files_dir, limits=None, env=None):
    """Start `command` in the sandbox, waiting for its input (Started); None without bubblewrap."""
    if bwrap_path() is None:
        if settings.SANDBOX_ALLOW_UNSAFE:
            return None
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed: grading is refused. Install it (apt-get install bubblewrap)."
        )
    return Started(command, files_dir=files_dir, limits=limits or Limits(), env=env)


class _Layers:
    """Host folders shown in the sandbox through read-only overlays, so that /proc shows no host path.

    /proc/<pid>/mountinfo (and mounts, mountstats) gives each mount's root as a path within its
    filesystem: a folder bound from the host shows where it lives (the checkout, the venv, the run's
    temporary folder). An overlay is a filesystem of its own: its root is "/", and its options name
    its layers as they were given, here relative names ("0:empty") of symlinks in this folder,
    resolved when mounting. They are mounted in a private mount namespace (unshare) that bwrap
    inherits and binds from: nothing is mounted on the host, the namespace ends with bwrap.

    Why not the alternatives. Measured: a file bound over /proc/self/mountinfo by bwrap covers
    bwrap's own pid 1 only, the learner is pid 2, its children get any pid, and /proc/<pid> of a
    process not started yet cannot be a mount point; procfs options (hidepid, subset=pid) leave
    each process its own mountinfo. Seccomp cannot filter by path, and Landlock would have to allow
    /proc/self for Python, Node and Chromium, mountinfo with it. Copying the venv (387 MB) per run
    is too slow; moving it to a neutral host path still names it. Overlays leave every file where it
    is, so kernels and the browser work unchanged. Cost on a loaded 2-core machine: 5 to 20 ms a run
    (python -c pass 40 -> 46 ms, pytest on 3 tests 236 -> 258 ms, import numpy and pandas 424 -> 448 ms).
    """

    def __init__(self, tmp):
        self.folder = tmp / "layers"
        # An overlay without an upper layer needs two lower ones: an empty folder is the second.
        (self.folder / "empty").mkdir(parents=True)
        self.lines = []

    def add(self, host):
        """Where `host` (a folder, or a file: its folder is layered) is seen in the namespace."""
        host = Path(host).absolute()
        name = str(len(self.lines))
        (self.folder / name).symlink_to(host if host.is_dir() else host.parent)
        mounted = self.folder / f"{name}.mount"
        mounted.mkdir()
        self.lines.append(f"sandbox {name}.mount overlay ro,nosuid,nodev,lowerdir={name}:empty 0 0\n")
        return mounted if host.is_dir() else mounted / host.name

    def share(self, size_bytes, ready_fd):
        """A size-capped memory folder in the namespace for two sandboxes to share (work/ and tmp/):
        the second one is started in this namespace once `ready_fd` has received a byte."""
        self.shared = self.folder / "shared"
        self.shared.mkdir()
        self.lines.append(f"tremplin shared tmpfs rw,nosuid,nodev,size={size_bytes},mode=1777 0 0\n")
        self.ready_fd = ready_fd
        return self.shared

    def command(self):
        """The prefix that mounts the layers in a new mount namespace, then runs what follows it."""
        (self.folder / "fstab").write_text("".join(self.lines))
        script = f"cd {shlex.quote(str(self.folder))} && mount --all --fstab fstab"
        if getattr(self, "shared", None) is not None:
            script += f" && mkdir -m 1777 shared/work shared/tmp shared/data && printf x > /dev/fd/{int(self.ready_fd)}"
        script += ' && cd / && exec "$@"'
        return ["unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c", script, "sh"]


def _bwrap_argv(
    bwrap,
    command,
    tmp,
    work,
    tests_dir,
    uid,
    extra_ro,
    env,
    limits,
    seccomp_fd=None,
    file_fds=None,
    work_files=True,
    args_fd=None,
    share=None,
    shared=None,
    binds=(),
):
    """The command line that runs `command` in the sandbox; no host path shows inside.

    Host folders come through overlays (see _Layers). bwrap reads the options that name host
    paths from a descriptor (--args): its own process is pid 1 inside, and anyone there may read
    /proc/1/cmdline. That descriptor is a memory file added to file_fds, or, given args_fd (for a
    script that opens it), the file tmp/bwrap-args.

    Two sandboxes can share /work and /tmp (a Python grading's tests and learner sides): the first
    gets share=(size in bytes, ready descriptor) and creates them in memory in its mount namespace,
    the second, started in that namespace (nsenter), gets shared=the folder the first one returned
    in layers.shared.
    """
    file_fds = file_fds if file_fds is not None else []
    layers = _Layers(tmp)
    if share is not None:
        shared = layers.share(*share)
    etc = layers.add(_etc_files(tmp, uid))
    setup = [
        "--unshare-ipc",
        "--unshare-pid",
        "--unshare-net",
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--die-with-parent",
        "--new-session",
        "--hostname",
        "sandbox",
        "--ro-bind",
        "/usr",
        "/usr",
        "--symlink",
        "usr/bin",
        "/bin",
        "--symlink",
        "usr/lib",
        "/lib",
        "--symlink",
        "usr/lib64",
        "/lib64",
        "--symlink",
        "usr/sbin",
        "/sbin",
        "--perms",
        "0755",
        "--dir",
        "/etc",
        "--ro-bind",
        str(etc / "passwd"),
        "/etc/passwd",
        "--ro-bind",
        str(etc / "group"),
        "/etc/group",
        "--ro-bind",
        str(etc / "hosts"),
        "/etc/hosts",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        # Writable places live in memory with a size cap: nothing a run writes reaches the host's disk.
        *(
            [
                "--perms",
                "1777",
                "--size",
                str(limits.disk_mib * 1024 * 1024),
                "--tmpfs",
                "/tmp",
                "--perms",
                "1777",
                "--size",
                str(limits.disk_mib * 1024 * 1024),
                "--tmpfs",
                "/work",
            ]
            if shared is None
            else ["--bind", str(shared / "tmp"), "/tmp", "--bind", str(shared / "work"), "/work"]
        ),
        "--perms",
        "0755",
        "--dir",
        "/sandbox",
        "--ro-bind",
        str(layers.add(sandbox_python_root())),
        "/sandbox/python",
        "--ro-bind",
        str(layers.add(RUNNER_DIR)),
        "/sandbox/runner",
    ]
    # The learner's files are written into /work by bwrap itself from memory file descriptors
    # (no shell, no copy process): owned by root and read-only for the run, which may still
    # create its own files in the sticky /work.
    for path in sorted(work.rglob("*")) if work_files else ():
        inside = "/work/" + path.relative_to(work).as_posix()
        if path.is_dir():
            setup += ["--perms", "1777", "--dir", inside]
        else:
            fd = os.memfd_create("tremplin-file", 0)
            os.write(fd, path.read_bytes())
            os.lseek(fd, 0, os.SEEK_SET)
            file_fds.append(fd)
            setup += ["--perms", "0644", "--file", str(fd), inside]
    # System paths are bound where they are on the host: their path tells nothing.
    if Path("/etc/ld.so.cache").exists():
        setup += ["--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    if tests_dir == PRIVATE:  # written by the run itself (a started pair's tests' side), seen by it only
        setup += ["--perms", "1777", "--size", str(limits.disk_mib * 1024 * 1024), "--tmpfs", "/tests"]
    elif tests_dir is not None:
        setup += ["--ro-bind", str(layers.add(tests_dir)), "/tests"]
    for option, source, inside in binds:
        setup += [option, str(source), inside]
    for inside, host in extra_ro.items():
        setup += ["--ro-bind", str(host if Path(host) == Path(inside) else layers.add(host)), inside]
    if seccomp_fd is not None:
        setup += ["--seccomp", str(seccomp_fd)]
    data = b"".join(os.fsencode(arg) + b"\0" for arg in setup)
    if args_fd is None:
        args_fd = os.memfd_create("tremplin-args", 0)
        os.write(args_fd, data)
        os.lseek(args_fd, 0, os.SEEK_SET)
        file_fds.append(args_fd)
    else:
        (tmp / "bwrap-args").write_bytes(data)
    drop = [
        "setpriv",
        f"--reuid={uid}",
        f"--regid={uid}",
        "--clear-groups",
        "--inh-caps=-all",
        "--bounding-set=-all",
        "--no-new-privs",
        "--",
    ]
    # What stays on the command line names paths inside only; the runner's descriptor numbers
    # ({report_fd}, {nonce_fd}) are filled in there when the run is spawned.
    return [
        *layers.command(),
        bwrap,
        "--args",
        str(args_fd),
        "--chdir",
        "/work",
        "--clearenv",
        "--setenv",
        "PATH",
        "/sandbox/python/bin:/usr/bin",
        "--setenv",
        "HOME",
        "/work",
        "--setenv",
        "LANG",
        "C.UTF-8",
        "--setenv",
        "TMPDIR",
        "/tmp",
        "--setenv",
        "PYTHONDONTWRITEBYTECODE",
        "1",
        "--setenv",
        "PYTHONHASHSEED",
        "0",
        "--setenv",
        "PYTHONIOENCODING",
        "utf-8",
        *[item for key, value in env.items() for item in ("--setenv", key, value)],
        # setpriv drops to the slot's uid and every capability before any learner code starts.
        "--cap-add",
        "CAP_SETUID",
        "--cap-add",
        "CAP_SETGID",
        *drop,
        *command,
    ]


def wrapper_script(command, *, slot, limits, folder, env=None, extra_ro=None):
    """A shell script that starts a long-lived `command` (a browser) in the sandbox of `slot`.

    For programs started by another program (Playwright starts the browser itself): the script
    joins the slot's cgroups, sets the resource limits, writes its pid to folder/pid, then execs
    bubblewrap with the same rules as run() (no network, unprivileged uid, seccomp filter). No CPU
    time limit: the caller bounds each use with its own timeouts and kills the pid if needed.
    """
    folder = Path(folder)
    os.chmod(folder, 0o755)
    bwrap = bwrap_path()
    lines = ["#!/bin/sh", f"echo $$ > {shlex.quote(str(folder / 'pid'))}"]
    if bwrap is None:  # development only (SANDBOX_ALLOW_UNSAFE): no isolation at all
        lines.append("exec " + " ".join(shlex.quote(part) for part in command) + ' "$@"')
    else:
        for path in _cgroups(f"long-{slot.index}", limits).values():
            lines.append(f"echo $$ > {shlex.quote(str(path / 'cgroup.procs'))}")
        program = seccomp.program()
        seccomp_fd = None
        if program is not None:
            (folder / "seccomp.bpf").write_bytes(program)
            seccomp_fd = 9
        empty = folder / "work"
        empty.mkdir()
        argv = _bwrap_argv(
            bwrap,
            command,
            folder,
            empty,
            None,
            slot.uid,
            extra_ro or {},
            env or {},
            limits,
            seccomp_fd,
            work_files=False,
            args_fd=8,
        )
        limits_argv = [
            "prlimit",
            f"--nproc={limits.processes}",
            f"--nofile={limits.open_files}",
            "--core=0",
            f"--fsize={limits.file_size_mib * 1024 * 1024}",
            "--",
        ]
        redirect = f" 8< {shlex.quote(str(folder / 'bwrap-args'))}"
        redirect += f" 9< {shlex.quote(str(folder / 'seccomp.bpf'))}" if seccomp_fd is not None else ""
        lines.append("exec " + " ".join(shlex.quote(part) for part in limits_argv + argv) + ' "$@"' + redirect)
    script = folder / "start"
    script.write_text("\n".join(lines) + "\n")
    script.chmod(0o755)
    return script


def _cgroup_base(controller):
    """This process's own cgroup (v1) for a controller, if it can be written; else None."""
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            if controller in controllers.split(","):
                base = Path("/sys/fs/cgroup") / controller / path.lstrip("/")
                return base if os.access(base, os.W_OK) else None
    except OSError:
        return None
    return None


def _cgroups(index, limits):
    """A memory and a pids cgroup per slot: the limits hold for the whole run, not per process."""
    groups = {}
    wanted = {
        # memory+swap may never be below memory: lift it first, or raising a slot's limit from one
        # run to the next (256 → 512 MiB) fails and the run would go without a memory cgroup at all.
        "memory": [
            ("memory.memsw.limit_in_bytes", -1),
            ("memory.limit_in_bytes", limits.memory_mib * 1024 * 1024),
            ("memory.memsw.limit_in_bytes", limits.memory_mib * 1024 * 1024),
        ],
        "pids": [("pids.max", limits.processes)],
        "cpuacct": [("cpuacct.usage", 0)],  # reset: the run's CPU time, whoever reaped its processes
    }
    for controller, values in wanted.items():
        base = _cgroup_base(controller)
        if base is None:
            continue
        path = base / "tremplin-sandbox" / f"slot-{index}"
        try:
            path.mkdir(parents=True, exist_ok=True)
            for name, value in values:
                try:
                    (path / name).write_text(str(value))
                except OSError:
                    if name != "memory.memsw.limit_in_bytes":  # absent without swap accounting
                        raise
            if controller == "memory":
                (path / "memory.max_usage_in_bytes").write_text("0")
                (path / "memory.failcnt").write_text("0")
            groups[controller] = path
        except OSError:
            log.warning("Sandbox: the %s cgroup of slot %s could not be set up", controller, index, exc_info=True)
            continue
    return groups


def _set_memory(path, memory_mib):
    value = memory_mib * 1024 * 1024
    for name, amount in (
        ("memory.memsw.limit_in_bytes", -1),
        ("memory.limit_in_bytes", value),
        ("memory.memsw.limit_in_bytes", value),
    ):
        try:
            (path / name).write_text(str(amount))
        except OSError:
            if name != "memory.memsw.limit_in_bytes":
                raise


def _oom_kills(path):
    try:
        for line in (path / "memory.oom_control").read_text().splitlines():
            if line.startswith("oom_kill "):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _empty_cgroups(groups):
    for path in groups.values():
        try:
            for pid in (path / "cgroup.procs").read_text().split():
                os.kill(int(pid), signal.SIGKILL)
        except (OSError, ValueError):
            continue


def _unsafe_mapping(work, tests_dir, extra_ro):
    return {
        "/work": str(work),
        "/tests": str(tests_dir or ""),
        "/sandbox/runner": str(RUNNER_DIR),
        "/sandbox/python": str(sandbox_python_root()),
        **{k: str(v) for k, v in extra_ro.items()},
    }


def _unsafe_path(part, mapping):
    if part.startswith("--") and "=" in part:
        option, _sep, value = part.partition("=")
        return f"{option}={_unsafe_path(value, mapping)}"
    for inside, host in mapping.items():
        if part == inside or part.startswith(inside + "/") or part.startswith(inside + ":"):
            return host + part[len(inside) :]
    return part


def _unsafe_argv(command, work, tests_dir, extra_ro):
    """Development only (SANDBOX_ALLOW_UNSAFE): no isolation at all, never in production."""
    mapping = _unsafe_mapping(work, tests_dir, extra_ro)
    return [_unsafe_path(part, mapping) for part in command]


def _unsafe_env(env, work, tests_dir):
    mapping = _unsafe_mapping(work, tests_dir, {})
    paths = {k: ":".join(_unsafe_path(p, mapping) for p in v.split(":")) for k, v in env.items()}
    return {"PATH": "/usr/bin:/bin", "HOME": str(work), "LANG": "C.UTF-8", **paths}


def _execute(argv, limits, nonce, cwd=None, env=None, cgroups=None, extra_fds=()):
    spawned = _spawn(argv, limits, nonce, cwd=cwd, env=env, cgroups=cgroups, extra_fds=extra_fds)
    return _collect(spawned, limits, nonce, cgroups or {})


@dataclass
class _Spawned:
    process: subprocess.Popen
    report_read: int
    started: float
    oom_before: int
    report_fd: int = -1  # the run's descriptor numbers (for a runner told them later, on its input)
    nonce_fd: int = -1


def _spawn(argv, limits, nonce, cwd=None, env=None, cgroups=None, extra_fds=(), stdin=subprocess.DEVNULL):
    cgroups = cgroups or {}
    report_read, report_write = os.pipe()
    nonce_read, nonce_write = os.pipe()
    os.write(nonce_write, nonce.encode())
    os.close(nonce_write)
    # A runner that reopens its channels by path (/dev/fd/N, as Node's reporter does) runs
    # under the slot's uid: the pipes must let it. Records stay worthless without the nonce.
    os.fchmod(report_write, 0o622)
    os.fchmod(nonce_read, 0o644)
    # The runner learns its channels' descriptor numbers from its arguments.
    argv = [a.replace("{report_fd}", str(report_write)).replace("{nonce_fd}", str(nonce_read)) for a in argv]
    oom_before = _oom_kills(cgroups["memory"]) if "memory" in cgroups else 0
    started = time.monotonic()
    process = subprocess.Popen(
        argv,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        pass_fds=(report_write, nonce_read, *extra_fds),
        preexec_fn=_preexec(limits, list(cgroups.values())),
        cwd=cwd,
        env=env,
    )
    os.close(report_write)
    os.close(nonce_read)
    return _Spawned(process, report_read, started, oom_before, report_write, nonce_read)


def _collect(spawned, limits, nonce, cgroups):
    process, report_read, started, oom_before = (
        spawned.process,
        spawned.report_read,
        spawned.started,
        spawned.oom_before,
    )
    output, report = bytearray(), bytearray()
    total_output = 0
    result = RunResult(exit_code=None, output="")
    streams = {process.stdout.fileno(): "out", report_read: "report"}
    deadline = started + limits.wall_seconds
    rusage = None
    try:
        while streams:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                result.timed_out = True
                break
            ready, _, _ = select.select(list(streams), [], [], min(remaining, 0.5))
            for fd in ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    del streams[fd]
                    continue
                if streams[fd] == "out":
                    total_output += len(chunk)
                    if len(output) < KEEP_OUTPUT:
                        output += chunk[: KEEP_OUTPUT - len(output)]
                    if total_output > MAX_OUTPUT:
                        result.output_exceeded = True
                        streams.clear()
                        break
                else:
                    report += chunk
                    if len(report) > MAX_REPORT:
                        result.output_exceeded = True
                        streams.clear()
                        break
        # Both channels closed (or a limit hit): the run may still be alive, e.g. sleeping.
        while not (result.timed_out or result.output_exceeded):
            pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                process.returncode = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() >= deadline:
                result.timed_out = True
                break
            time.sleep(0.005)
    finally:
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            _pid, status, rusage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
        process.stdout.close()
        os.close(report_read)
    result.duration_ms = round((time.monotonic() - started) * 1000)
    result.exit_code = process.returncode
    result.output = output.decode("utf-8", errors="replace")
    code = process.returncode
    # bwrap reports a child killed by a signal as 128 + signal.
    sig = -code if code is not None and code < 0 else (code - 128 if code is not None and code > 128 else None)
    result.signal = sig
    cpu_used = (rusage.ru_utime + rusage.ru_stime) if rusage else 0.0
    if "cpuacct" in cgroups:
        with contextlib.suppress(OSError, ValueError):
            cpu_used = max(cpu_used, int((cgroups["cpuacct"] / "cpuacct.usage").read_text()) / 1e9)
    result.cpu_exceeded = sig == signal.SIGXCPU or cpu_used >= limits.cpu_seconds * 0.95
    oom = "memory" in cgroups and _oom_kills(cgroups["memory"]) > oom_before
    if "memory" in cgroups:
        try:
            group = cgroups["memory"]
            peak, ceiling = (
                int((group / name).read_text()) for name in ("memory.max_usage_in_bytes", "memory.limit_in_bytes")
            )
            result.memory_limit_hit = int((group / "memory.failcnt").read_text()) > 0 or peak >= ceiling * 0.98
        except (OSError, ValueError):
            pass
    result.oom_killed = oom
    result.memory_exceeded = oom or "MemoryError" in result.output or "JavaScript heap out of memory" in result.output
    result.records = _parse_records(bytes(report), nonce)
    return result


def _parse_records(data, nonce):
    records = []
    for line in data.decode("utf-8", errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and record.pop("nonce", None) == nonce:
            records.append(record)
    return records


def slots_busy():
    """How many of this machine's sandbox slots a run holds now (their locks are taken), for the metrics."""
    lock_dir = Path(settings.SANDBOX_LOCK_DIR)
    busy = 0
    for index in range(settings.SANDBOX_SLOTS):
        path = lock_dir / f"slot-{index}.lock"
        if not path.exists():
            continue
        fd = os.open(path, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            busy += 1
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
    return busy
