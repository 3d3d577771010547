"""`make run`'s supervisor (config/supervisor.py), run for real with small stand-in commands."""

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

from config.supervisor import BASE_DIR, worker_command

# A stand-in for the web server or the worker: records its pid and the pid of a process it leaves in
# its group (as Celery's pool processes are), then waits. "crash-once" exits with code 3 on its first
# start; "ignore-term" ignores SIGTERM, its leftover too.
STAND_IN = """
import os, signal, subprocess, sys, time
name, behaviour, folder = sys.argv[1:]
if behaviour == "ignore-term":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
leftover = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
with open(os.path.join(folder, name + ".pids"), "a") as pids:
    pids.write(f"{os.getpid()} {leftover.pid}\\n")
with open(os.path.join(folder, name + ".pids")) as pids:
    if behaviour == "crash-once" and len(pids.readlines()) == 1:
        sys.exit(3)
time.sleep(600)
"""


def alive(pid):
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended


def starts(folder, name):
    """(command pid, leftover pid) of each start of a stand-in, in order."""
    path = folder / f"{name}.pids"
    lines = path.read_text().splitlines() if path.exists() else []
    return [tuple(int(pid) for pid in line.split()) for line in lines if len(line.split()) == 2]


def wait_for(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def start_supervisor(tmp_path, web, worker):
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN)

    def command(name, behaviour):
        return shlex.join([sys.executable, str(script), name, behaviour, str(tmp_path)])

    env = {
        **os.environ,
        "WEB_COMMAND": command("web", web),
        "WORKER_COMMAND": command("worker", worker),
        "TREMPLIN_VAR_DIR": str(tmp_path / "var"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "config.supervisor"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop_supervisor(supervisor, signum, tmp_path):
    """Send signum; (seconds until the supervisor ended, its messages, the stand-in processes still alive)."""
    started = time.monotonic()
    supervisor.send_signal(signum)
    try:
        supervisor.wait(timeout=12)
    finally:
        elapsed = time.monotonic() - started
        supervisor.kill()
        everything = [pid for name in ("web", "worker") for start in starts(tmp_path, name) for pid in start]
        # A process killed a moment ago may take a few milliseconds to end.
        wait_for(lambda: not any(alive(pid) for pid in everything), timeout=1)
        survivors = [pid for pid in everything if alive(pid)]
        for pid in survivors:
            os.kill(pid, signal.SIGKILL)
        # Read once no stand-in holds the supervisor's stderr any more.
        messages = supervisor.communicate(timeout=5)[1]
    return elapsed, messages, survivors


def test_a_crashed_command_is_restarted_and_the_other_keeps_running(tmp_path):
    supervisor = start_supervisor(tmp_path, web="wait", worker="crash-once")
    try:
        assert wait_for(lambda: len(starts(tmp_path, "worker")) == 2), "the worker was not restarted"
        assert wait_for(lambda: len(starts(tmp_path, "web")) == 1)
        ((web, web_leftover),) = starts(tmp_path, "web")
        (crashed, crashed_leftover), (restarted, _) = starts(tmp_path, "worker")
        assert alive(web) and alive(web_leftover) and alive(restarted)
        # What the crashed command left in its process group went with it.
        assert wait_for(lambda: not alive(crashed) and not alive(crashed_leftover))
    finally:
        elapsed, messages, survivors = stop_supervisor(supervisor, signal.SIGINT, tmp_path)
    assert "worker exited with code 3, restarting in 1 s" in messages
    assert "web exited" not in messages
    # Commands that stop on SIGTERM are not waited for until the grace period ends.
    assert supervisor.returncode == 0 and elapsed < 3, messages
    assert survivors == []


def test_a_custom_tremplin_var_dir_needs_no_preparation(tmp_path, settings):
    """`make prepare` creates the folders under var/ only; the supervisor and settings create them elsewhere."""
    supervisor = start_supervisor(tmp_path, web="wait", worker="wait")
    try:
        assert wait_for(lambda: starts(tmp_path, "web") and starts(tmp_path, "worker"))
    finally:
        stop_supervisor(supervisor, signal.SIGTERM, tmp_path)
    assert (tmp_path / "var").is_dir()
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        assert all((tmp_path / "var" / "broker" / sub).is_dir() for sub in ("queue", "processed", "control"))


def test_stop_kills_a_command_that_ignores_sigterm_within_10_seconds(tmp_path):
    supervisor = start_supervisor(tmp_path, web="ignore-term", worker="wait")
    try:
        assert wait_for(lambda: starts(tmp_path, "web") and starts(tmp_path, "worker"))
    finally:
        elapsed, messages, survivors = stop_supervisor(supervisor, signal.SIGTERM, tmp_path)
    assert "web still running after SIGTERM: killed" in messages
    assert "worker still running" not in messages
    assert supervisor.returncode == 0 and elapsed < 10, (elapsed, messages)
    assert survivors == []
    assert len(starts(tmp_path, "web")) == len(starts(tmp_path, "worker")) == 1


def test_the_beat_schedule_follows_tremplin_var_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKER_COMMAND", raising=False)
    assert f"--schedule={tmp_path / 'celerybeat-schedule'}" in worker_command(tmp_path)
