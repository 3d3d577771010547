"""The web server of `make run` and production: gunicorn with config/gunicorn.conf.py, run for real on the
test database. Idle connections and clients that trickle their headers do not keep pages from being
served (gevent workers), and the processes' threads do not grow with them."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from config import supervisor

from . import worker

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config" / "gunicorn.conf.py"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path="/", timeout=10):
    start = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
        response.read()
        return response.status, time.perf_counter() - start


def threads_of(pid):
    """Threads of a process and its children (the gunicorn master and its workers)."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return sum(len(os.listdir(f"/proc/{p}/task")) for p in [str(pid), *children] if Path(f"/proc/{p}").exists())


@pytest.fixture
def web_server(transactional_db, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": worker.test_database_url(),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("GUNICORN_BIND", None)
    env.pop("GUNICORN_CMD_ARGS", None)
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        supervisor.web_command(), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if get(port, timeout=2)[0] == 200:
                break
        except OSError:
            pass
        assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
        assert time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
        time.sleep(0.2)
    yield port, process
    os.killpg(process.pid, 15)
    process.wait(30)
    log.close()


def test_make_run_serves_with_gunicorn_and_its_configuration(monkeypatch):
    monkeypatch.delenv("WEB_COMMAND", raising=False)
    assert supervisor.web_command() == [sys.executable, "-m", "gunicorn", "--config", str(CONFIG)]
    monkeypatch.setenv("WEB_COMMAND", "python manage.py runserver 127.0.0.1:$PORT")
    monkeypatch.setenv("PORT", "8123")
    assert supervisor.web_command() == ["python", "manage.py", "runserver", "127.0.0.1:8123"]


def test_idle_and_slow_clients_do_not_hold_up_pages(web_server):
    port, process = web_server
    threads_before = threads_of(process.pid)
    idle, slow = [], []
    for _ in range(300):  # connected, sending nothing
        client = socket.create_connection(("127.0.0.1", port), timeout=5)
        idle.append(client)
    for _ in range(50):  # a request line, then nothing more: the headers never end
        client = socket.create_connection(("127.0.0.1", port), timeout=5)
        client.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        slow.append(client)
    try:
        for path in ("/", "/comptes/connexion/", "/cours/"):
            status, seconds = get(port, path)
            assert status == 200 and seconds < 3, (path, status, seconds)
        for client in slow:  # a byte more each: still not a whole request
            client.sendall(b"a")
        status, seconds = get(port, "/")
        assert status == 200 and seconds < 3, seconds
        assert threads_of(process.pid) <= threads_before + 4  # greenlets, not threads
    finally:
        for client in idle + slow:
            client.close()
    assert get(port, "/")[0] == 200


def test_postgresql_connections_come_from_a_pool_in_the_web_server_only():
    script = "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS', {}).get('pool'))"
    base = {**os.environ, "DATABASE_URL": "postgres://tremplin:x@127.0.0.1:5432/tremplin", "DJANGO_DEBUG": "1"}
    base.pop("TREMPLIN_DATABASE_POOL", None)

    def pool(**env):
        command = [sys.executable, "-c", f"import django; django.setup(); {script}"]
        out = subprocess.run(
            command,
            cwd=ROOT,
            env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()

    assert pool() == "None"  # manage.py, the worker, the tests: one connection each
    assert pool(TREMPLIN_DATABASE_POOL="1") == "{'min_size': 1, 'max_size': 8, 'timeout': 30}"
    assert pool(TREMPLIN_DATABASE_POOL="1", DATABASE_POOL_MAX="20") == "{'min_size': 1, 'max_size': 20, 'timeout': 30}"


def test_a_burst_of_requests_is_all_served(web_server):
    """400 pages asked by 200 clients at once, 2 gunicorn processes on 2 cores: every one served."""
    from concurrent.futures import ThreadPoolExecutor

    port, _process = web_server
    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(lambda _: get(port, "/cours/", timeout=60)[0], range(400)))
    assert statuses == [200] * 400
