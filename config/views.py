"""Error pages that need a decision: a full disk is not a bug, and the person should know their work was not kept."""

import errno
import sys

from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
# SQLite says it in words; PostgreSQL with SQLSTATE 53100 (disk_full), 53200 (out of memory) is not ours.
DISK_FULL_WORDS = ("database or disk is full", "no space left on device", "could not extend file", "disk full")


def is_disk_full(error):
    """Whether an exception (or what caused it) says the disk or the database is full."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS:
            return True
        if (
            getattr(error, "sqlstate", None) == "53100"
            or getattr(getattr(error, "diag", None), "sqlstate", None) == "53100"
        ):
            return True
        if isinstance(error, DatabaseError | OSError) and any(words in str(error).lower() for words in DISK_FULL_WORDS):
            return True
        error = error.__cause__ or error.__context__
    return False


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """The 500 page; when the disk is full, a page that says the work was not saved (507)."""
    error = sys.exc_info()[1]
    if is_disk_full(error):
        return HttpResponse(loader.render_to_string("disk_full.html"), status=507)
    return HttpResponseServerError(loader.render_to_string(template_name))
