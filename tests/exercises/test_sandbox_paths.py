"""Learner code in the real sandbox (bubblewrap) cannot learn the host's layout from /proc: not the
checkout's path, the sandbox venv's path, nor the host paths of the run's folders (work, tests,
data), whichever way the sandbox is started (a run, a run started ahead, the browser's wrapper).
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

from exercises import sandbox

pytestmark = pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")

PROBE = r"""
import os

def show(label, read):
    try:
        print(label, read())
    except Exception as exc:  # noqa: BLE001
        print(label, type(exc).__name__)

def read(path):
    with open(path, "rb") as fh:
        return fh.read().decode(errors="replace")

pids = sorted((name for name in os.listdir("/proc") if name.isdigit()), key=int)
print("pids", pids)
for path in ["/proc/self/mountinfo", "/proc/1/mountinfo", "/proc/mounts", "/proc/self/mounts",
             "/proc/self/mountstats", "/proc/self/cgroup", "/proc/self/maps"]:
    show(path, lambda: read(path))
for pid in ["self", *pids]:
    for name in ["mountinfo", "mounts", "mountstats", "cmdline", "environ"]:
        show(f"/proc/{pid}/{name}", lambda: read(f"/proc/{pid}/{name}").replace("\0", " "))
    for name in ["exe", "cwd", "root"]:
        show(f"/proc/{pid}/{name}", lambda: os.readlink(f"/proc/{pid}/{name}"))
    show(f"/proc/{pid}/fd", lambda: {fd: os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")})
show("/etc/passwd", lambda: read("/etc/passwd"))
for folder in FOLDERS:
    show(folder, lambda: sorted(os.listdir(folder)))
print("probe done")
"""


def probe(*folders):
    """The probe's source, listing `folders` (inside paths) to show they are mounted."""
    return f"FOLDERS = {list(folders)!r}\n" + PROBE


@pytest.fixture
def host_folders(tmp_path):
    """Work, tests and data folders on the host, with names that would show if they leaked."""
    tmp_path.chmod(0o755)
    folders = {}
    for name in ("work", "tests", "data"):
        folder = tmp_path / f"host-{name}-folder"
        folder.mkdir(mode=0o755)
        folders[name] = folder
    (folders["work"] / "notes.txt").write_text("notes\n")
    (folders["tests"] / "test_x.py").write_text("def test_x():\n    pass\n")
    (folders["data"] / "table.csv").write_text("a,b\n1,2\n")
    for folder in folders.values():
        for path in folder.iterdir():
            path.chmod(0o644)
    return folders


def host_paths(host_folders):
    return {
        "checkout": str(settings.BASE_DIR),
        "sandbox venv": str(Path(settings.SANDBOX_PYTHON_ROOT)),
        "runner files": str(sandbox.RUNNER_DIR),
        "run folders": f"{tempfile.gettempdir()}/tremplin-",
        **{f"{name} folder": str(folder) for name, folder in host_folders.items()},
        "pytest folder": str(host_folders["work"].parent.parent),
    }


def assert_no_host_path(output, host_folders, *, shows):
    assert "probe done" in output, output
    assert "/sandbox/python" in output, "the probe does not see the sandbox's own mounts"
    assert "learner:x:" in output, "/etc/passwd is not readable"
    for name in shows:
        assert name in output, f"{name} is missing: the run's folders are not mounted"
    leaks = {label: path for label, path in host_paths(host_folders).items() if path in output}
    shown = "\n".join(line for line in output.splitlines() if any(path in line for path in leaks.values()))
    assert not leaks, f"host paths visible from /proc: {leaks}\n{shown}"


def test_a_run_cannot_learn_host_paths_from_proc(host_folders):
    (host_folders["work"] / "probe.py").write_text(probe("/work", "/tests", "/data"))
    run = sandbox.run(
        ["/sandbox/python/bin/python", "/work/probe.py"],
        files_dir=host_folders["work"],
        tests_dir=host_folders["tests"],
        extra_ro={"/data": host_folders["data"]},
    )
    assert run.exit_code == 0, run.output
    assert_no_host_path(run.output, host_folders, shows=["probe.py", "test_x.py", "table.csv"])


def test_a_run_started_ahead_cannot_learn_host_paths_from_proc(host_folders):
    """The notebooks' way: the sandbox starts first, the program arrives on standard input."""
    started = sandbox.start(
        ["/sandbox/python/bin/python", "-c", "import sys; exec(sys.stdin.read())"], files_dir=host_folders["work"]
    )
    run = started.finish(probe("/work").encode())
    assert run.exit_code == 0, run.output
    assert_no_host_path(run.output, host_folders, shows=["notes.txt"])


def test_the_browser_sandbox_cannot_learn_host_paths_from_proc(host_folders, tmp_path):
    """The wrapper script Playwright starts Chromium with, here starting the probe instead."""
    folder = tmp_path / "browser"
    folder.mkdir()
    with sandbox._Slot() as slot:
        script = sandbox.wrapper_script(
            ["/sandbox/python/bin/python", "-c", probe("/data")],
            slot=slot,
            limits=sandbox.Limits(),
            folder=folder,
            extra_ro={"/data": host_folders["data"]},
        )
        done = subprocess.run([str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert_no_host_path(done.stdout, host_folders, shows=["table.csv"])
