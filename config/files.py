"""Stored files: one way in (checked uploads) and one way out (served by a view that checked access).

Nothing under MEDIA_ROOT has a public URL. A view first applies the permission of the object the
file belongs to (a lesson, an observation...), then calls `serve_stored_file`, which works with any
Django storage. In production, `STORED_FILES_ACCEL_REDIRECT` hands the bytes to nginx
(`X-Accel-Redirect` to an `internal` location) instead of reading them in Python.

Uploads go through `check_upload`: an allow-list of types recognised by their content (images decoded
by Pillow, PDF, UTF-8 plain text, Jupyter notebooks), never HTML, JavaScript or SVG.
"""

import json
from contextlib import contextmanager
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import FileField
from django.db.models.signals import post_delete
from django.http import FileResponse, Http404, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# What a browser may show in the page: images and PDF, recognised by their first bytes.
INLINE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
)
# Everything else is downloaded, never shown: a page or script uploaded by someone runs nowhere.
DOWNLOAD_TYPES = {".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".md": "text/plain; charset=utf-8",
                  ".ipynb": "application/x-ipynb+json"}
# Refused whatever their content: what a browser would run.
REFUSED_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".xht", ".svg", ".svgz", ".js", ".mjs", ".cjs", ".xml",
                    ".xsl", ".xslt", ".swf", ".php", ".jsp", ".asp", ".aspx", ".cgi", ".exe", ".bat", ".cmd",
                    ".sh", ".jar", ".vbs", ".wasm", ".hta", ".appcache", ".manifest", ".xsd", ".mht", ".mhtml"}
# Markup at the start of a "text" file: a browser sniffing it would render a page.
MARKUP_STARTS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe", b"<!--",
                 b"<meta", b"<object", b"<embed", b"<style", b"<link", b"<img", b"<a ", b"<div", b"<p>", b"<form")

IMAGE = "image"
PDF = "pdf"
TEXT = "text"
NOTEBOOK = "notebook"
LABELS = {IMAGE: _("une image (JPEG, PNG, GIF ou WebP)"), PDF: _("un PDF"), TEXT: _("un texte brut (.txt, .csv)"),
          NOTEBOOK: _("un notebook Jupyter (.ipynb)")}


def _sniff_inline(head):
    for signature, content_type in INLINE_SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _looks_like_markup(head):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(MARKUP_STARTS)


def _read_head(upload, size=4096):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _read_all(upload, limit):
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    return data


def upload_kind(upload, allowed):
    """The kind of an upload among `allowed`, recognised by its content; None if it is none of them."""
    head = _read_head(upload)
    inline = _sniff_inline(head)
    if IMAGE in allowed and inline and inline.startswith("image/"):
        from PIL import Image

        try:
            upload.seek(0)
            with Image.open(upload) as image:
                image.verify()
            return IMAGE
        except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors on a broken file
            return None
        finally:
            upload.seek(0)
    if PDF in allowed and inline == "application/pdf":
        return PDF
    if inline:
        return None
    suffix = PurePosixPath(upload.name or "").suffix.lower()
    if NOTEBOOK in allowed and suffix == ".ipynb":
        try:
            data = json.loads(_read_all(upload, upload.size or 0))
        except (ValueError, UnicodeDecodeError):
            return None
        return NOTEBOOK if isinstance(data, dict) and "cells" in data and "nbformat" in data else None
    if TEXT in allowed and suffix in {".txt", ".csv", ".md", ""}:
        data = _read_all(upload, upload.size or 0)
        if b"\x00" in data or _looks_like_markup(data[:4096]):
            return None
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return TEXT
    return None


def check_upload(upload, *, allowed, max_bytes):
    """Refuse an upload that is too large or not of an allowed kind (ValidationError in French)."""
    if upload.size > max_bytes:
        raise ValidationError(_("Fichier trop lourd (%(size)s) : %(max)s au plus."), code="too_big",
                              params={"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)})
    suffix = PurePosixPath(upload.name or "").suffix.lower()
    kind = None if suffix in REFUSED_SUFFIXES else upload_kind(upload, allowed)
    if kind is None:
        accepted = ", ".join(str(LABELS[k]) for k in allowed)
        raise ValidationError(_("Ce type de fichier n'est pas accepté. Fichiers acceptés : %(accepted)s."),
                              code="file_type", params={"accepted": accepted})
    return kind


def serve_stored_file(field_file, *, filename=None):
    """The response for a stored file whose access the caller has checked.

    Images and PDF are shown in the page; anything else is an attachment. Every answer forbids
    sniffing and carries `Content-Security-Policy: sandbox`, so even a file that is a page runs no
    script with this site's origin.
    """
    if not field_file or not field_file.name:
        raise Http404
    storage = field_file.storage
    name = field_file.name
    if not storage.exists(name):
        raise Http404
    filename = filename or PurePosixPath(name).name
    with storage.open(name, "rb") as handle:
        head = handle.read(16)
    inline = _sniff_inline(head)
    content_type = inline or DOWNLOAD_TYPES.get(PurePosixPath(filename).suffix.lower(), "application/octet-stream")
    accel = getattr(settings, "STORED_FILES_ACCEL_REDIRECT", "")
    if accel:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + quote(name)
    else:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, max-age=3600"
    response["Referrer-Policy"] = "no-referrer"
    return response


def file_input(*, accept, max_bytes):
    """A file input that tells the browser the size limit: static/js/app.js refuses a file over it
    before anything is sent (the server checks again)."""
    from django import forms

    message = format_lazy(_("Fichier trop lourd : {max} au plus. Choisissez-en un plus léger."), max=lazy(filesizeformat, str)(max_bytes))
    return forms.ClearableFileInput(attrs={"accept": accept, "data-max-bytes": max_bytes, "data-too-big": message})


@contextmanager
def files_removed_on_failure(instance):
    """For a new row with files: Django writes the files before the row, so if the row (or the rest
    of its transaction) cannot be written, its files are removed: nothing half-written is left."""
    try:
        yield instance
    except BaseException:
        for field in instance._meta.concrete_fields:
            if isinstance(field, FileField):
                stored = getattr(instance, field.attname)
                if stored and stored.name and stored.storage.exists(stored.name):
                    stored.storage.delete(stored.name)
        raise


def delete_stored_files(sender, instance, **kwargs):
    """A row with files is gone: its files go too, once the deletion is committed."""
    for field in sender._meta.concrete_fields:
        if isinstance(field, FileField):
            stored = getattr(instance, field.attname)
            name, storage = getattr(stored, "name", None), getattr(stored, "storage", None)
            if name and storage is not None:
                transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def connect_file_cleanup():
    """One rule for every model: deleting a row deletes its stored files (called once, at start-up)."""
    from django.apps import apps

    for model in apps.get_models():
        if any(isinstance(f, FileField) for f in model._meta.concrete_fields):
            post_delete.connect(delete_stored_files, sender=model, dispatch_uid=f"stored-files-{model._meta.label}")
