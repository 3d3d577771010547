"""config/: the upload checks and widgets (config/files.py) called directly, and the commands `make run`'s
supervisor builds (config/supervisor.py), read without starting anything."""

import io
import json
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from config import files, supervisor
from config.files import IMAGE, NOTEBOOK, PDF, TEXT, check_upload, file_input

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\xa0"
PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<< >>\nendobj\n"
NOTEBOOK_BYTES = json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()
EVERYTHING = [IMAGE, PDF, TEXT, NOTEBOOK]
ALL_LABELS = "une image (JPEG, PNG, GIF ou WebP), un PDF, un texte brut (.txt, .csv), un notebook Jupyter (.ipynb)"


def image_bytes(image_format="PNG", size=(8, 6), mode="RGB", **options):
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else 1).save(buffer, format=image_format, **options)
    return buffer.getvalue()


def refusal(name, content, *, allowed=EVERYTHING, max_bytes=1024 * 1024):
    with pytest.raises(ValidationError) as info:
        check_upload(SimpleUploadedFile(name, content), allowed=allowed, max_bytes=max_bytes)
    return info.value.code, info.value.messages


def refused_type(allowed_labels=ALL_LABELS):
    return "file_type", [f"Ce type de fichier n'est pas accepté. Fichiers acceptés : {allowed_labels}."]


# ---------------------------------------------------------------- what a browser would run


@pytest.mark.parametrize("name", ["photo.svg", "page.HTML", "script.mjs", "notes.xhtml", "outil.exe", "archive.mht"])
def test_a_suffix_a_browser_would_run_is_refused_even_with_an_image_inside(name):
    assert refusal(name, image_bytes()) == refused_type()


def test_the_refusal_lists_only_what_the_form_accepts():
    assert refusal("page.html", b"<p>x</p>", allowed=[PDF, TEXT]) == refused_type("un PDF, un texte brut (.txt, .csv)")


# ---------------------------------------------------------------- content first, suffix second


def test_a_pdf_is_recognised_by_its_content_and_kept_as_sent():
    upload = SimpleUploadedFile("rapport.txt", PDF_BYTES)
    assert check_upload(upload, allowed=[PDF, TEXT], max_bytes=1000) is upload
    assert refusal("rapport.pdf", PDF_BYTES, allowed=[IMAGE, TEXT]) == refused_type(
        "une image (JPEG, PNG, GIF ou WebP), un texte brut (.txt, .csv)"
    )


def test_an_image_named_like_text_is_no_text():
    assert refusal("notes.txt", image_bytes(), allowed=[TEXT]) == refused_type("un texte brut (.txt, .csv)")


@pytest.mark.parametrize(
    "image_format, suffix", [("PNG", ".png"), ("JPEG", ".jpg"), ("GIF", ".gif"), ("WEBP", ".webp")]
)
def test_an_image_is_stored_re_encoded_under_the_suffix_of_its_real_format(image_format, suffix):
    stored = check_upload(
        SimpleUploadedFile("vacances.jpeg", image_bytes(image_format)), allowed=[IMAGE], max_bytes=100_000
    )
    assert stored.name == "vacances" + suffix
    with Image.open(io.BytesIO(stored.read())) as image:
        assert image.format == image_format and image.size == (8, 6)


def test_a_stored_image_loses_its_text_metadata():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Yanis, 12 rue des Lilas")
    stored = check_upload(SimpleUploadedFile("plan.png", image_bytes(pnginfo=info)), allowed=[IMAGE], max_bytes=100_000)
    data = stored.read()
    assert b"rue des Lilas" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert "Author" not in image.info


def test_a_broken_image_is_refused_as_no_image():
    broken = image_bytes()[:40]  # the signature and the header, no pixels
    assert refusal("photo.png", broken, allowed=[IMAGE]) == refused_type("une image (JPEG, PNG, GIF ou WebP)")


def test_an_animated_gif_is_kept_as_sent_within_the_limit_and_refused_over_it(settings):
    frames = [Image.new("RGB", (8, 8), colour) for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    data = buffer.getvalue()
    upload = SimpleUploadedFile("anim.gif", data)
    assert check_upload(upload, allowed=[IMAGE], max_bytes=len(data)) is upload
    # Over the form's limit, an animation cannot be downscaled: refused with the form's limit, not the server's.
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    code, messages = refusal("anim.gif", data, allowed=[IMAGE], max_bytes=100)
    assert code == "too_big" and messages == [
        f"Fichier trop lourd ({len(data)}{NBSP}octets) : 100{NBSP}octets au plus."
    ]


# ---------------------------------------------------------------- sizes


def test_a_file_at_the_limit_passes_and_one_byte_more_is_refused_with_both_sizes():
    text = b"a" * 1024
    upload = SimpleUploadedFile("notes.txt", text)
    assert check_upload(upload, allowed=[TEXT], max_bytes=1024) is upload
    code, messages = refusal("notes.txt", text + b"b", allowed=[TEXT], max_bytes=1024)
    assert code == "too_big" and messages == [f"Fichier trop lourd (1,0{NBSP}Kio) : 1,0{NBSP}Kio au plus."]


def test_an_image_may_exceed_the_forms_limit_up_to_what_the_server_receives(settings):
    buffer = io.BytesIO()
    Image.merge("RGB", [Image.effect_noise((40, 40), 80)] * 3).save(buffer, format="PNG")  # grain: a heavy PNG
    data = buffer.getvalue()
    settings.UPLOAD_MAX_BYTES = len(data)
    stored = check_upload(SimpleUploadedFile("grain.png", data), allowed=[IMAGE], max_bytes=len(data) - 1)
    stored_bytes = stored.read()
    assert stored.name == "grain.jpg" and len(stored_bytes) < len(data)  # re-encoded lighter rather than refused
    settings.UPLOAD_MAX_BYTES = 1000
    code, messages = refusal("grain.png", data, allowed=[IMAGE], max_bytes=100)
    assert code == "too_big" and messages == [
        f"Fichier trop lourd ({files.filesizeformat(len(data))}) : 1000{NBSP}octets au plus."
    ]


def test_an_image_that_fits_no_encoding_is_refused_with_the_side_and_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 10_000
    code, messages = refusal("a.png", image_bytes(size=(40, 40)), allowed=[IMAGE], max_bytes=20)
    assert code == "too_big"
    assert messages == [f"Image trop lourde, même réduite à 2000 pixels : 20{NBSP}octets au plus."]


# ---------------------------------------------------------------- text and notebooks


@pytest.mark.parametrize("name", ["notes.txt", "tableau.CSV", "lisez-moi.md", "sans-suffixe"])
def test_utf8_plain_text_is_accepted_as_sent(name):
    upload = SimpleUploadedFile(name, "Élodie ; 12 < 15\n".encode())
    assert check_upload(upload, allowed=[TEXT], max_bytes=1000) is upload


@pytest.mark.parametrize(
    "name, content",
    [
        ("notes.txt", "Élodie".encode("latin-1")),  # not UTF-8
        ("notes.txt", b"ligne\x00binaire"),
        ("notes.txt", b"\xef\xbb\xbf  <!DOCTYPE html><p>page</p>"),  # markup after a BOM and spaces
        ("notes.md", b"<!-- commentaire --><b>x</b>"),
        ("notes.csv", b"\n<IMG src=x onerror=alert(1)>"),
        ("lettre.docx", b"Bonjour"),
        ("notes.ipynb", b"Bonjour"),  # a notebook's suffix is not a text's
    ],
)
def test_text_that_a_browser_could_render_or_that_is_not_utf8_text_is_refused(name, content):
    assert refusal(name, content, allowed=[TEXT]) == refused_type("un texte brut (.txt, .csv)")


def test_a_notebook_is_json_with_cells_and_a_format():
    upload = SimpleUploadedFile("analyse.ipynb", NOTEBOOK_BYTES)
    assert check_upload(upload, allowed=[NOTEBOOK], max_bytes=1000) is upload


@pytest.mark.parametrize("content", [b"{pas du json", b'["cells", "nbformat"]', b'{"cells": []}', b"{}", b"\xff\xfe{}"])
def test_what_is_not_a_notebook_is_refused(content):
    assert refusal("analyse.ipynb", content, allowed=[NOTEBOOK]) == refused_type("un notebook Jupyter (.ipynb)")


# ---------------------------------------------------------------- the upload widget


def rendered(widget):
    return BeautifulSoup(widget.render("piece", None), "html.parser").input


def test_a_file_input_tells_the_browser_what_it_accepts_and_its_limit():
    widget = file_input(accept=".txt,text/plain", max_bytes=5 * 1024 * 1024)
    assert type(widget) is forms.ClearableFileInput and not widget.media._js
    field = rendered(widget)
    assert field["type"] == "file" and field["accept"] == ".txt,text/plain"
    assert field["data-max-bytes"] == str(5 * 1024 * 1024)
    assert field["data-too-big"] == f"Fichier trop lourd : 5,0{NBSP}Mio au plus. Choisissez-en un plus léger."
    assert not any(name in field.attrs for name in ("data-image-max-side", "data-max-request-bytes", "data-resized"))


def test_a_photo_input_loads_the_downscaling_script_and_reads_the_server_limit_when_shown(settings):
    widget = file_input(accept="image/*", max_bytes=1000, images=True)
    assert isinstance(widget, files.ImageFileInput)
    assert '<script src="/static/js/uploads.js" defer></script>' in str(widget.media)
    settings.UPLOAD_MAX_BYTES = 64 * 1024 * 1024  # changed after the form was defined, as a test or .env does
    field = rendered(widget)
    assert field["data-max-request-bytes"] == str(64 * 1024 * 1024) and field["data-max-bytes"] == "1000"
    assert field["data-image-max-side"] == "2000"
    assert field["data-resizing"] == "Réduction de la photo avant l’envoi…"
    assert field["data-resized"] == "Photo réduite avant l’envoi : 2000 pixels de côté au plus."


def test_a_photo_input_never_announces_less_than_its_own_limit(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    assert rendered(file_input(accept="image/*", max_bytes=5000, images=True))["data-max-request-bytes"] == "5000"


# ---------------------------------------------------------------- the supervisor's commands


def test_make_run_starts_the_supervisor_with_the_projects_python():
    script = (ROOT / "bin" / "run").read_text()
    assert "exec .venv/bin/python -m config.supervisor" in script
    assert "PORT=$(PORT) bin/run" in (ROOT / "Makefile").read_text()


def test_the_default_web_command_is_gunicorn_with_the_projects_configuration_on_port_8000(monkeypatch):
    monkeypatch.delenv("WEB_COMMAND", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    config = str(ROOT / "config" / "gunicorn.conf.py")
    assert supervisor.web_command() == [sys.executable, "-m", "gunicorn", "--config", config]
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    monkeypatch.setenv("TREMPLIN_DATABASE_POOL", "")  # the file sets it if unset: undone after the test
    loaded = {}
    exec((ROOT / "config" / "gunicorn.conf.py").read_text(), loaded)  # noqa: S102 - gunicorn reads it the same way
    assert loaded["bind"] == "127.0.0.1:8000" and loaded["worker_class"] == "gevent"
    monkeypatch.setenv("PORT", "8123")
    loaded = {}
    exec((ROOT / "config" / "gunicorn.conf.py").read_text(), loaded)  # noqa: S102
    assert loaded["bind"] == "127.0.0.1:8123"


def test_the_default_worker_is_celery_with_beat_and_its_concurrency(monkeypatch, tmp_path):
    monkeypatch.delenv("WORKER_COMMAND", raising=False)
    monkeypatch.delenv("CELERY_CONCURRENCY", raising=False)
    command = supervisor.worker_command(tmp_path)
    assert command[:6] == [sys.executable, "-m", "celery", "-A", "config", "worker"]
    assert "--beat" in command and "--concurrency=2" in command and "--hostname=tremplin@%h" in command
    monkeypatch.setenv("CELERY_CONCURRENCY", "4")
    assert "--concurrency=4" in supervisor.worker_command(tmp_path)


def test_a_command_from_the_environment_is_split_and_expanded_without_a_shell(monkeypatch, tmp_path):
    monkeypatch.setenv("PORT", "9001")
    monkeypatch.delenv("TREMPLIN_UNSET_FOR_TEST", raising=False)
    monkeypatch.setenv("WEB_COMMAND", "  gunicorn config.wsgi --bind 127.0.0.1:$PORT --name 'deux mots' && rm x ")
    assert supervisor.web_command() == [
        "gunicorn",
        "config.wsgi",
        "--bind",
        "127.0.0.1:9001",
        "--name",
        "deux mots",
        "&&",
        "rm",
        "x",
    ]
    monkeypatch.setenv("WORKER_COMMAND", "celery -A config worker --logfile=$TREMPLIN_UNSET_FOR_TEST")
    assert supervisor.worker_command(tmp_path)[-1] == "--logfile=$TREMPLIN_UNSET_FOR_TEST"  # unknown: left as is


def test_a_blank_command_in_the_environment_keeps_the_default(monkeypatch, tmp_path):
    monkeypatch.setenv("WEB_COMMAND", "   ")
    monkeypatch.setenv("WORKER_COMMAND", "")
    assert supervisor.web_command()[1:3] == ["-m", "gunicorn"]
    assert supervisor.worker_command(tmp_path)[-1] == f"--schedule={tmp_path / 'celerybeat-schedule'}"


def test_restarts_back_off_up_to_30_s_and_reset_after_a_stable_run(capsys):
    child = supervisor.Child("worker", ["celery"])
    delays = []
    for _ in range(7):
        child.plan_restart(child.started_at + 1, "exited with code 1")
        delays.append(child.restart_at - child.started_at - 1)
    assert delays == [1, 2, 4, 8, 16, 30, 30]
    assert child.process is None  # nothing was started
    child.started_at = 1000.0
    child.plan_restart(1000.0 + supervisor.STABLE_AFTER, "was killed by signal 9")
    assert child.restart_at == 1000.0 + supervisor.STABLE_AFTER + supervisor.BACKOFF_FIRST
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "supervisor: worker exited with code 1, restarting in 1 s"
    assert lines[-1] == "supervisor: worker was killed by signal 9, restarting in 1 s"


def test_a_command_waiting_for_its_restart_is_not_started_early():
    child = supervisor.Child("web", ["/nonexistent/never-run"])
    child.restart_at = 50.0
    child.check(49.9)
    assert child.process is None and child.started_at == 0.0
