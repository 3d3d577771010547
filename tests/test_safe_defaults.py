"""Production is the default; a start that cannot serve pages says why instead of answering 500s."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_python(code, tmp_path, **env):
    """A fresh interpreter with a clean environment: no .env of this checkout, no DJANGO_DEBUG."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TREMPLIN_"))}
    base.update(
        {
            "TREMPLIN_ENV_FILE": str(tmp_path / "absent.env"),
            "TREMPLIN_VAR_DIR": str(tmp_path / "var"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        },
        **env,
    )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60)


SHOW = (
    "import django; django.setup(); from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, "
    "s.SECURE_SSL_REDIRECT)"
)


def test_without_any_setting_tremplin_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_python(SHOW, tmp_path)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr and "make run" in result.stderr


def test_production_is_the_default(tmp_path):
    result = run_python(SHOW, tmp_path, DJANGO_SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True"]


def test_development_mode_is_asked_for_in_the_env_file_that_make_writes(tmp_path):
    env_file = tmp_path / "dev.env"
    env_file.write_text("# written by make\nDJANGO_DEBUG=1\n")
    result = run_python(SHOW, tmp_path, TREMPLIN_ENV_FILE=str(env_file))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "False"]
    # The environment wins over the file.
    result = run_python(SHOW, tmp_path, TREMPLIN_ENV_FILE=str(env_file), DJANGO_DEBUG="0", DJANGO_SECRET_KEY="k" * 50)
    assert result.stdout.split()[0] == "False"


def test_the_wsgi_entry_point_says_static_files_are_not_collected(tmp_path):
    result = run_python("import config.wsgi", tmp_path, DJANGO_SECRET_KEY="k" * 50)
    assert result.returncode != 0
    assert "static files are not collected" in result.stderr and "collectstatic" in result.stderr
    # Once collected, it starts.
    static = tmp_path / "var" / "static"
    static.mkdir(parents=True)
    (static / "staticfiles.json").write_text('{"paths": {}, "version": "1.1", "hash": ""}')
    assert run_python("import config.wsgi", tmp_path, DJANGO_SECRET_KEY="k" * 50).returncode == 0


def test_reset_e_mails_never_go_to_the_logs_in_production(tmp_path):
    """A password-reset link printed on the console would let whoever reads the logs into the account."""
    code = "import django; django.setup(); from django.conf import settings as s; print(s.EMAIL_BACKEND)"
    result = run_python(code, tmp_path, DJANGO_SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"
