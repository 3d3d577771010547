import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import DatabaseError

log = logging.getLogger(__name__)

SHARED_FLAG = "shared_computer"
LAST_SEEN = "shared_last_seen"


class SharedComputerMiddleware:
    """Short sessions on shared computers, and no personal page left in the browser cache.

    A session opened with "ordinateur partagé" ends after SHARED_COMPUTER_SESSION_AGE
    of inactivity and when the browser closes. Pages shown to a signed-in person are
    never stored by the browser, so the back button shows nothing after logout.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.get(SHARED_FLAG):
            now = time.time()
            if now - session.get(LAST_SEEN, now) > settings.SHARED_COMPUTER_SESSION_AGE:
                logout(request)
                request.session_expired = True
            else:
                session[LAST_SEEN] = now
                session.set_expiry(0)
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response


class ReadingSessionMiddleware(SessionMiddleware):
    """Django's session middleware, except that a page that only reads is still shown when its
    session cannot be saved (a full disk): reading keeps working; a write fails on its own page."""

    def process_response(self, request, response):
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            return super().process_response(request, response)
        try:
            return super().process_response(request, response)
        except (DatabaseError, OSError, SessionInterrupted) as error:  # the database says UpdateError: 400 otherwise
            log.warning("session not saved on %s %s: %s", request.method, request.path, error)
            return response
