"""What a production start needs and Django's system checks do not catch before the first request.

Application servers (gunicorn, uWSGI) import `config.wsgi` and skip `manage.py check`; runserver
imports it too. Without collected static files every page, the 404 page included, would be a
500 (the hashed-names manifest is missing), so the start stops here and says what to run.
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def missing_for_production():
    """Problems that would make every page fail, as sentences for the operator; [] when ready."""
    problems = []
    storage = settings.STORAGES["staticfiles"]["BACKEND"]
    if "Manifest" in storage:
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if not manifest.is_file():
            problems.append(
                f"static files are not collected: {manifest} is missing. Run `python manage.py collectstatic "
                "--no-input` "
                f"(STATIC_ROOT={settings.STATIC_ROOT}, set by TREMPLIN_VAR_DIR) before starting the web server."
            )
    return problems


def ensure_ready_to_serve():
    problems = missing_for_production()
    if problems:
        raise ImproperlyConfigured("Tremplin cannot serve pages: " + " ".join(problems))
