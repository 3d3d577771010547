"""Gunicorn's configuration: what `make run` serves with (config/supervisor.py) and what production runs
(docs/deployment.md), behind nginx there.

Worker class: gevent. Each connection is a greenlet, so a client that connects and sends nothing, or
sends its headers a byte at a time (an old phone on a bad line, or an attack), costs a few kilobytes
and never a thread. Measured on this 2-core machine with 1,000 idle connections open at once
(tests/test_gunicorn.py does it with 300): with gthread (3 workers × 8 threads) a page waited more than
120 s, its threads each held 5 s by an idle connection in turn; with gevent the page answered in 9 ms,
memory and the number of threads unchanged. Django, psycopg 3 (from 3.1.14) and redis-py cooperate
with gevent's patched sockets; the pages do not run learners' code or start browsers (the grading
worker does, a separate process without gevent). PostgreSQL connections come from a bounded pool per
worker (config/settings.py, DATABASE_POOL_MAX, 8 by default), so a burst of requests waits for a connection instead
of opening hundreds.

Every value can be set from the environment (variables below) or with gunicorn's own GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

# PostgreSQL through a pool in each web process (config/settings.py): set before the workers import Django.
os.environ.setdefault("TREMPLIN_DATABASE_POOL", "1")

bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
worker_class = "gevent"
# Processes: one per core and one more (a page that holds the CPU, a PDF, does not stop the others).
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() + 1)
# Connections open at once per process; more wait in the listen backlog.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "1000"))
backlog = 2048
# A process that does not report for this long (a request holding the CPU without yielding) is
# restarted; a stop waits this long for the requests under way.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
# An idle kept-alive connection is closed after this many seconds.
keepalive = 5
# A process is renewed after so many requests (what a long life may leak is given back), not all at once.
max_requests = 5000
max_requests_jitter = 500
# Request line and headers: the sizes gunicorn allows by default, said here (uploads are bodies:
# TREMPLIN_UPLOAD_MAX_BYTES and nginx's client_max_body_size).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Behind nginx on the same machine: trust its X-Forwarded-* headers only from there.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Errors on stderr; one access line per request with GUNICORN_ACCESS_LOG=1 (nginx keeps its own log).
errorlog = "-"
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG") == "1" else None
# Not preloaded: gevent patches the standard library in each worker, before Django is imported.
preload_app = False
proc_name = "tremplin-web"
wsgi_app = "config.wsgi:application"
# No control socket (gunicorn 24+): one per user by default, which two servers on one machine would share.
control_socket_disable = True
