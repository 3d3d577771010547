"""Tremplin settings: one file, driven by environment variables.

Production is the default: without DJANGO_DEBUG=1, Tremplin runs with secure cookies, HTTPS
and hashed static files, and refuses to start without DJANGO_SECRET_KEY. Development mode is
asked for explicitly: `make` writes `DJANGO_DEBUG=1` in the checkout's `.env` file, which is
read here for the variables the environment does not set (TREMPLIN_ENV_FILE names another
file). The other defaults run from a plain checkout: SQLite and a Celery broker on the
filesystem, so `make run` needs no server. Set DATABASE_URL and CELERY_BROKER_URL for
PostgreSQL and Redis, and DJANGO_ALLOWED_HOSTS in production.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def read_env_file(path):
    """KEY=VALUE lines (# comments) for the variables the environment does not already set."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return
    for line in lines:
        key, sep, value = line.strip().partition("=")
        if sep and not key.startswith("#"):
            os.environ.setdefault(key.strip(), value.strip().strip("'\""))


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


read_env_file(os.environ.get("TREMPLIN_ENV_FILE", BASE_DIR / ".env"))
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Tremplin runs in production mode unless told otherwise, and production "
            "needs a secret key: export DJANGO_SECRET_KEY=\"$(python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))')\" "
            "(the same on every web and worker machine). For development on this machine, run `make run` "
            "(it writes DJANGO_DEBUG=1 in .env) or set DJANGO_DEBUG=1."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
VAR_DIR = Path(os.environ.get("TREMPLIN_VAR_DIR", BASE_DIR / "var"))
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "accounts",
    "courses",
    "exercises",
    "progress",
    "notifications",
    "conversations",
    "attendance",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_ckeditor_5",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "accounts.middleware.ReadingSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.SharedComputerMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # django-template-partials' loader (« page.html#partial ») around the cached default loaders,
            # with one more: each registered exercise kind's package has its templates
            # (exercises/kinds/<kind>/templates/), found by exercises.kinds.loader.
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "exercises.kinds.loader.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.shared_computer",
                "notifications.context_processors.bell",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'tremplin.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the grading worker share the file: WAL, a busy
    # timeout and immediate transactions avoid "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory: integration tests share the test database with a real worker.
    # One file per test run, so that two runs on one machine do not collide.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
elif os.environ.get("TREMPLIN_DATABASE_POOL") == "1" and not DATABASES["default"]["CONN_MAX_AGE"]:
    # The web server's processes (config/gunicorn.conf.py sets the variable): gevent serves many requests
    # at once in a process, and each would open its own connection; a pool of at most DATABASE_POOL_MAX
    # per process makes a burst wait for one instead (PostgreSQL's max_connections is 100 by default).
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": int(os.environ.get("DATABASE_POOL_MAX", "8")),
        "timeout": 30,
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    # Argon2, computed off gevent's loop in the web server (config/hashers.py); the same hashes.
    "config.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"

# Login rate limiting: 5 failures lock the username + IP pair for 15 minutes, and 100 failures
# from one address across usernames lock that address (accounts.forms.LoginForm): a workshop
# of 20 people behind one box, each mistyping up to 4 times, stays under it.
# E-mail (password reset for people who gave an address). In development it is printed on the
# console; in production it goes to an SMTP server (EMAIL_HOST), never to the logs, where a reset
# link would let whoever reads them into the account.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Tremplin <ne-pas-repondre@tremplin.localhost>")
# The site's address, for links in e-mails sent by the worker (which has no request to read it from).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
LOGIN_NETWORK_FAILURE_LIMIT = int(os.environ.get("LOGIN_NETWORK_FAILURE_LIMIT", "100"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Sessions: two weeks on a personal device; a shared computer gets a short
# session that also ends when the browser closes (accounts.middleware).
SESSION_COOKIE_AGE = 14 * 24 * 3600
SHARED_COMPUTER_SESSION_AGE = 15 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
SECURE = env_bool("DJANGO_SECURE", not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("DJANGO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # CKEditor 5 sets inline styles on its own widgets.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("TREMPLIN_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Lesson images uploaded from CKEditor 5: our own view checks the role,
# the type (a real image, decoded by Pillow) and the size.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "courses:image_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "gif", "webp"]
LESSON_IMAGE_MAX_BYTES = 2 * 1024 * 1024
# The largest file the server accepts to receive: a photo up to this size is downscaled (config.files)
# to the form's limit; the browser is told, and downscales before sending. The proxy in front must
# accept a little more (nginx: client_max_body_size), so that Django answers with a clear message.
UPLOAD_MAX_BYTES = int(os.environ.get("TREMPLIN_UPLOAD_MAX_BYTES", str(32 * 1024 * 1024)))
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "fr",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "code",
                "codeBlock",
                "insertTable",
                "imageUpload",
                "|",
                "undo",
                "redo",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraphe", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Titre 2", "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Titre 3", "class": "ck-heading_heading3"},
                {"model": "heading4", "view": "h4", "title": "Titre 4", "class": "ck-heading_heading4"},
            ]
        },
        "image": {"toolbar": ["imageTextAlternative"]},
    }
}

# Celery: the embedded default is a filesystem broker (no server).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    # Atomic writes: a worker never reads a half-written message (config/broker.py).
    CELERY_BROKER_TRANSPORT = "config.broker:Transport"
    _broker_dir = VAR_DIR / "broker"
    # The transport needs its folders; creating them here spares every entry point the step.
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "data_folder_processed": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        # The filesystem transport polls its folder: every second by default, too slow for a learner waiting.
        "polling_interval": 0.01,
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Workers log through LOGGING above (structured lines with the submission), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

from config.logging import FORMAT as LOG_FORMAT  # noqa: E402 - beside the setting it serves

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"submission": {"()": "config.logging.SubmissionFilter"}},
    "formatters": {"structured": {"format": LOG_FORMAT}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["submission"], "formatter": "structured"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}
# Every entry point (make run, `celery -A config beat` in production) keeps its schedule under VAR_DIR.
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Crontab entries (the morning digest at 7:30) are in the platform's time zone, not UTC.
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "purge-login-links": {"task": "accounts.tasks.purge_login_links", "schedule": 24 * 3600},
    # Notifications by e-mail for those who asked for a daily summary (notifications.tasks), at 7:30.
    "notification-digests": {"task": "notifications.tasks.send_daily_digests", "schedule": crontab(hour=7, minute=30)},
    "purge-notifications": {"task": "notifications.tasks.purge_notifications", "schedule": 24 * 3600},
    "learners-at-risk": {
        "task": "progress.tasks.notify_learners_at_risk",
        "schedule": crontab(day_of_week="mon", hour=7, minute=45),
    },
}

# Grading sandbox (exercises/sandbox.py). The sandbox's Python environment is built by
# `make` from exercises/sandbox_files/requirements.txt on Debian's /usr/bin/python3.
SANDBOX_PYTHON_ROOT = os.environ.get("SANDBOX_PYTHON_ROOT", str(BASE_DIR / ".sandbox-venv"))
# Machine-wide, so that every worker of this machine shares the slots (one uid per slot).
SANDBOX_LOCK_DIR = os.environ.get("SANDBOX_LOCK_DIR", "/tmp/tremplin-sandbox-slots")
SANDBOX_SLOTS = int(os.environ.get("SANDBOX_SLOTS", "16"))
SANDBOX_BASE_UID = int(os.environ.get("SANDBOX_BASE_UID", "61000"))
# Web exercises: Debian's Chromium, started inside the sandbox once per worker process.
SANDBOX_CHROMIUM = os.environ.get("SANDBOX_CHROMIUM", "/usr/lib/chromium/chromium")
SANDBOX_BROWSER_MEMORY_MIB = int(os.environ.get("SANDBOX_BROWSER_MEMORY_MIB", "768"))
# Development only: run learner code WITHOUT isolation when bubblewrap is missing. Never in production.
SANDBOX_ALLOW_UNSAFE = env_bool("SANDBOX_ALLOW_UNSAFE", False) and DEBUG
# Grading pipeline: how long before the sweep sends again a submission nobody took; a running grading
# renews its claim every GRADING_HEARTBEAT_EVERY seconds, and one silent for GRADING_TAKE_BACK_AFTER
# seconds (its worker died) is taken back: with the sweep every 15 s, within a minute.
GRADING_REQUEUE_QUEUED_AFTER = int(os.environ.get("GRADING_REQUEUE_QUEUED_AFTER", "60"))
# A submission whose task could not reach the broker is sent at the sweep's next round once this old.
GRADING_RESEND_UNSENT_AFTER = int(os.environ.get("GRADING_RESEND_UNSENT_AFTER", "5"))
GRADING_HEARTBEAT_EVERY = float(os.environ.get("GRADING_HEARTBEAT_EVERY", "10"))
GRADING_TAKE_BACK_AFTER = int(os.environ.get("GRADING_TAKE_BACK_AFTER", "40"))
# Operations: each worker says it is alive this often (config/celery.py); the health page (/sante/) counts
# those seen in the last minute. /metrics (Prometheus) answers loopback and METRICS_ALLOWED_IPS, or a
# request with « Authorization: Bearer METRICS_TOKEN ».
WORKER_BEAT_EVERY = float(os.environ.get("WORKER_BEAT_EVERY", "15"))
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = [ip for ip in os.environ.get("METRICS_ALLOWED_IPS", "127.0.0.1,::1").split(",") if ip.strip()]
# A web request never waits long for a broker that is down: the row is kept and the sweep sends it.
GRADING_PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BEAT_SCHEDULE["sweep-submissions"] = {"task": "exercises.tasks.sweep_submissions", "schedule": 15.0}
# Course packages sent from the browser: imports no worker took are sent again (courses.services).
# Due dates a day ahead (exercises.services.deadlines_remind): each deadline is told once.
CELERY_BEAT_SCHEDULE["remind-deadlines"] = {"task": "exercises.tasks.remind_deadlines", "schedule": 3600.0}
CELERY_BEAT_SCHEDULE["sweep-course-imports"] = {"task": "courses.tasks.sweep_course_imports", "schedule": 60.0}
