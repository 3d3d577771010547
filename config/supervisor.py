"""`make run` (bin/run): the web server and the grading worker, each watched on its own.

Each command runs in its own session, so Ctrl-C reaches only this supervisor, which decides for
them. A command that ends by itself is reported and started again after a backoff, the other one
untouched. A stop (SIGINT, SIGTERM, SIGHUP) sends SIGTERM to each command and kills whatever is
left of its process group after STOP_GRACE seconds, so stopping takes less than 10 s.

The web server is gunicorn with config/gunicorn.conf.py, as in production. WEB_COMMAND and
WORKER_COMMAND replace the default commands: a shell-like line (split with shlex, $VARIABLES expanded,
no shell run), e.g. WEB_COMMAND='python manage.py runserver 127.0.0.1:$PORT' to debug with runserver.
"""

import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# Celery's warm shutdown waits for the gradings under way; one still running after this is killed,
# its row stays "running" and the sweep sends it again (exercises.services.submissions_requeue_stale).
STOP_GRACE = 8
BACKOFF_FIRST, BACKOFF_MAX = 1, 30
# A command that ran this long before it ended was healthy: its restart waits BACKOFF_FIRST again.
STABLE_AFTER = 60
POLL = 0.1


def command_from_env(name, default):
    line = os.environ.get(name, "").strip()
    return shlex.split(os.path.expandvars(line)) if line else default


def web_command():
    return command_from_env(
        "WEB_COMMAND",
        [sys.executable, "-m", "gunicorn", "--config", str(BASE_DIR / "config" / "gunicorn.conf.py")],
    )


def worker_command(var_dir):
    """Celery's worker with its beat scheduler, whose schedule file lives in var_dir like every runtime file."""
    return command_from_env(
        "WORKER_COMMAND",
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--beat",
            "--loglevel=INFO",
            f"--concurrency={os.environ.get('CELERY_CONCURRENCY', '2')}",
            "--hostname=tremplin@%h",
            f"--schedule={Path(var_dir) / 'celerybeat-schedule'}",
        ],
    )


def report(message):
    print(f"supervisor: {message}", file=sys.stderr, flush=True)


def kill_group(pgid):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


class Child:
    def __init__(self, name, argv):
        self.name, self.argv = name, argv
        self.process = None
        self.started_at = self.restart_at = 0.0
        self.backoff = BACKOFF_FIRST

    def check(self, now):
        """Start the command when it is due; report it and plan its restart when it has ended."""
        if self.process is None:
            if now >= self.restart_at:
                self.start(now)
        elif self.ended():
            code, self.process = self.process.returncode, None
            self.plan_restart(now, f"exited with code {code}" if code >= 0 else f"was killed by signal {-code}")

    def start(self, now):
        self.started_at = now
        try:
            self.process = subprocess.Popen(self.argv, cwd=BASE_DIR, stdin=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            self.plan_restart(now, f"could not start ({exc})")

    def plan_restart(self, now, what):
        if now - self.started_at >= STABLE_AFTER:
            self.backoff = BACKOFF_FIRST
        delay, self.backoff = self.backoff, min(self.backoff * 2, BACKOFF_MAX)
        self.restart_at = now + delay
        report(f"{self.name} {what}, restarting in {delay} s")

    def ended(self):
        """True once the command has exited; what it left in its process group is killed then."""
        # Not reaped yet (WNOWAIT): until it is, no new process can take its id, so its group is still its own.
        if os.waitid(os.P_PID, self.process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
            return False
        kill_group(self.process.pid)
        self.process.wait()
        return True


def supervise(children):
    stop_requests = []
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda signum, frame: stop_requests.append(signum))
    while not stop_requests:
        now = time.monotonic()
        for child in children:
            child.check(now)
        time.sleep(POLL)
    stop([child for child in children if child.process], stop_requests)


def stop(running, stop_requests):
    report("stopping " + ", ".join(child.name for child in running))
    for child in running:
        # The command only, not its group: Celery's main process then lets its pool finish the gradings under way.
        os.kill(child.process.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE
    while True:
        running = [child for child in running if not child.ended()]
        # A second Ctrl-C means now.
        if not running or time.monotonic() >= deadline or len(stop_requests) > 1:
            break
        time.sleep(POLL)
    for child in running:
        report(f"{child.name} still running after SIGTERM: killed")
        kill_group(child.process.pid)
        child.process.wait()


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    try:
        # The same VAR_DIR as the commands: reading settings loads .env (and creates the broker's folders).
        var_dir = Path(settings.VAR_DIR)
    except ImproperlyConfigured as exc:
        sys.exit(f"supervisor: {exc}")
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PORT", "8000")  # for $PORT in WEB_COMMAND
    children = [Child("web", web_command()), Child("worker", worker_command(var_dir))]
    for child in children:
        report(f"{child.name}: {shlex.join(child.argv)}")
    report("Ctrl-C stops both")
    supervise(children)


if __name__ == "__main__":
    main()
