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
"""

import fcntl
import json
import os
import resource
import secrets
import select
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

RUNNER_DIR = Path(__file__).resolve().parent / "sandbox_files"
KEEP_OUTPUT = 64 * 1024
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


@dataclass
class RunResult:
    exit_code: int | None
    output: str
    records: list = field(default_factory=list)
    timed_out: bool = False
    cpu_exceeded: bool = False
    output_exceeded: bool = False
    memory_exceeded: bool = False
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


def _preexec(limits):
    def apply():
        os.setsid()
        cpu = limits.cpu_seconds
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        memory = limits.memory_mib * 1024 * 1024
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

    files_dir: a host directory copied to the writable /work (the learner's files).
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
        work = tmp / "work"
        shutil.copytree(files_dir, work)
        for path in [work, *work.rglob("*")]:
            os.chown(path, slot.uid, slot.uid, follow_symlinks=False)
        nonce = secrets.token_hex(16)
        if bwrap is None:
            argv = _unsafe_argv(command, work, tests_dir, extra_ro or {})
        else:
            argv = _bwrap_argv(bwrap, command, tmp, work, tests_dir, slot.uid, extra_ro or {}, env or {})
        return _execute(argv, limits, nonce, cwd=work if bwrap is None else None, env=_unsafe_env(env or {}, work, tests_dir) if bwrap is None else None)


def _bwrap_argv(bwrap, command, tmp, work, tests_dir, uid, extra_ro, env):
    etc = _etc_files(tmp, uid)
    argv = [
        bwrap,
        "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
        "--die-with-parent", "--new-session", "--hostname", "sandbox",
        "--ro-bind", "/usr", "/usr",
        "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib",
        "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/sbin", "/sbin",
        "--ro-bind", str(etc / "passwd"), "/etc/passwd",
        "--ro-bind", str(etc / "group"), "/etc/group",
        "--ro-bind", str(etc / "hosts"), "/etc/hosts",
        "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
        "--perms", "0755", "--dir", "/sandbox",
        "--ro-bind", str(sandbox_python_root()), "/sandbox/python",
        "--ro-bind", str(RUNNER_DIR), "/sandbox/runner",
        "--bind", str(work), "/work",
    ]
    if Path("/etc/ld.so.cache").exists():
        argv += ["--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    if tests_dir is not None:
        argv += ["--ro-bind", str(tests_dir), "/tests"]
    for inside, host in extra_ro.items():
        argv += ["--ro-bind", str(host), inside]
    argv += [
        "--chdir", "/work", "--clearenv",
        "--setenv", "PATH", "/sandbox/python/bin:/usr/bin",
        "--setenv", "HOME", "/work", "--setenv", "LANG", "C.UTF-8",
        "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--setenv", "PYTHONHASHSEED", "0",
        "--setenv", "PYTHONIOENCODING", "utf-8",
        *[item for key, value in env.items() for item in ("--setenv", key, value)],
        "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
        "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--",
        *command,
    ]
    return argv


def _unsafe_mapping(work, tests_dir, extra_ro):
    return {"/work": str(work), "/tests": str(tests_dir or ""), "/sandbox/runner": str(RUNNER_DIR),
            "/sandbox/python": str(sandbox_python_root()), **{k: str(v) for k, v in extra_ro.items()}}


def _unsafe_path(part, mapping):
    for inside, host in mapping.items():
        if part == inside or part.startswith(inside + "/") or part.startswith(inside + ":"):
            return host + part[len(inside):]
    return part


def _unsafe_argv(command, work, tests_dir, extra_ro):
    """Development only (SANDBOX_ALLOW_UNSAFE): no isolation at all, never in production."""
    mapping = _unsafe_mapping(work, tests_dir, extra_ro)
    return [_unsafe_path(part, mapping) for part in command]


def _unsafe_env(env, work, tests_dir):
    mapping = _unsafe_mapping(work, tests_dir, {})
    paths = {k: ":".join(_unsafe_path(p, mapping) for p in v.split(":")) for k, v in env.items()}
    return {"PATH": "/usr/bin:/bin", "HOME": str(work), "LANG": "C.UTF-8", **paths}


def _execute(argv, limits, nonce, cwd=None, env=None):
    report_read, report_write = os.pipe()
    nonce_read, nonce_write = os.pipe()
    os.write(nonce_write, nonce.encode())
    os.close(nonce_write)
    # The runner learns its channels' descriptor numbers from its arguments.
    argv = [a.replace("{report_fd}", str(report_write)).replace("{nonce_fd}", str(nonce_read)) for a in argv]
    started = time.monotonic()
    process = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        pass_fds=(report_write, nonce_read), preexec_fn=_preexec(limits), cwd=cwd, env=env,
    )
    os.close(report_write)
    os.close(nonce_read)
    output, report = bytearray(), bytearray()
    total_output = 0
    result = RunResult(exit_code=None, output="")
    streams = {process.stdout.fileno(): "out", report_read: "report"}
    deadline = started + limits.wall_seconds
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
    finally:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.wait()
        process.stdout.close()
        os.close(report_read)
    result.duration_ms = round((time.monotonic() - started) * 1000)
    result.exit_code = process.returncode
    result.output = output.decode("utf-8", errors="replace")
    code = process.returncode
    # bwrap reports a child killed by a signal as 128 + signal.
    sig = -code if code is not None and code < 0 else (code - 128 if code is not None and code > 128 else None)
    result.signal = sig
    result.cpu_exceeded = sig in (signal.SIGXCPU, signal.SIGKILL) and not result.timed_out and _cpu_hint(result)
    result.memory_exceeded = "MemoryError" in result.output or "JavaScript heap out of memory" in result.output
    result.records = _parse_records(bytes(report), nonce)
    return result


def _cpu_hint(result):
    return result.signal == signal.SIGXCPU or result.duration_ms >= 900


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
