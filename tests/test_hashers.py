"""Sign-ins do not stop the web server (config/hashers.py): under gevent, as gunicorn runs the pages, the
Argon2 check runs off the loop, and other requests of the process keep moving meanwhile."""

import subprocess
import sys
from pathlib import Path

from django.contrib.auth.hashers import check_password, get_hasher, make_password

ROOT = Path(__file__).resolve().parent.parent

# In a process patched by gevent (as a gunicorn gevent worker is): while one greenlet checks a password
# five times, another counts its 5 ms naps. On the loop, the checks would leave it almost no turn.
SCRIPT = """
from gevent import monkey; monkey.patch_all()
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django; django.setup()
import gevent
from django.contrib.auth.hashers import make_password, check_password
from django.contrib.auth.hashers import Argon2PasswordHasher as Plain
encoded = make_password("motdepasse-solide")
def checks():
    for _ in range(5):
        assert check_password("motdepasse-solide", encoded)
def count(done, ticks):
    while not done.ready():
        gevent.sleep(0.005)
        ticks.append(1)
for name, hasher in (("ours", None), ("django", Plain())):
    if hasher is not None:
        check = lambda: [hasher.verify("motdepasse-solide", encoded) for _ in range(5)]
    else:
        check = checks
    done, ticks = gevent.spawn(check), []
    gevent.joinall([done, gevent.spawn(count, done, ticks)])
    print(name, len(ticks))
"""


def test_the_hasher_keeps_djangos_algorithm_and_hashes(settings):
    from config import settings as project

    settings.PASSWORD_HASHERS = project.PASSWORD_HASHERS  # the tests' own are fast MD5
    assert get_hasher().algorithm == "argon2" and type(get_hasher()).__module__ == "config.hashers"
    encoded = make_password("motdepasse-solide")
    assert encoded.startswith("argon2$") and check_password("motdepasse-solide", encoded)
    assert not check_password("autre", encoded)


def test_under_gevent_a_password_check_leaves_the_loop_free():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    ticks = dict(line.split() for line in done.stdout.splitlines())
    # Five checks take about half a second: off the loop, the other greenlet naps dozens of times;
    # Django's own hasher, on the loop, leaves it a turn between checks at most.
    assert int(ticks["ours"]) >= 20, ticks
    assert int(ticks["django"]) <= 6, ticks
