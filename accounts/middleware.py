import time

from django.conf import settings
from django.contrib.auth import logout

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
