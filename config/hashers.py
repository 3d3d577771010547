"""Password hashing that does not stop the web server.

gunicorn's gevent workers serve many requests in one thread; Argon2 takes about 100 ms of CPU per sign-in,
and while it runs no other request of the process moves (the load test saw pages wait 1 to 5 s while
learners signed in at 5 a second). argon2-cffi releases the GIL, so the hash runs in gevent's thread
pool: the loop keeps serving, and two sign-ins use two cores. Outside gevent (manage.py, the workers,
tests) it runs in place. Same algorithm name and hashes as Django's."""

from django.contrib.auth import hashers


def _off_the_loop(function, *args):
    try:
        from gevent import get_hub
        from gevent.monkey import is_module_patched
    except ImportError:  # pragma: no cover - gevent is a dependency
        return function(*args)
    if not is_module_patched("socket"):
        return function(*args)
    return get_hub().threadpool.apply(function, args)


class Argon2PasswordHasher(hashers.Argon2PasswordHasher):
    def encode(self, password, salt):
        return _off_the_loop(super().encode, password, salt)

    def verify(self, password, encoded):
        return _off_the_loop(super().verify, password, encoded)
