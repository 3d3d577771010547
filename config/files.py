"""Stored files: one way in (checked uploads) and one way out (served by a view that checked access).

Nothing under MEDIA_ROOT has a public URL. A view first applies the permission of the object the
file belongs to (a lesson, an observation...), then calls `serve_stored_file`, which works with any
Django storage. In production, `STORED_FILES_ACCEL_REDIRECT` hands the bytes to nginx
(`X-Accel-Redirect` to an `internal` location) instead of reading them in Python.

Uploads go through `check_upload`: an allow-list of types recognised by their content (images decoded
by Pillow, PDF, UTF-8 plain text, Jupyter notebooks), never HTML, JavaScript or SVG. A still image is
stored re-encoded: upright, without its metadata (a phone photo's GPS position) and, when it is larger
than IMAGE_MAX_SIDE or the form's limit, downscaled rather than refused. static/js/uploads.js does the
same in the browser before sending, so that a 20 MB photo does not cross a slow connection.
"""

import io
import json
import warnings
from contextlib import contextmanager
from pathlib import PurePosixPath
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
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
DOWNLOAD_TYPES = {
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".ipynb": "application/x-ipynb+json",
}
# Refused whatever their content: what a browser would run.
REFUSED_SUFFIXES = {
    ".html",
    ".htm",
    ".xhtml",
    ".shtml",
    ".xht",
    ".svg",
    ".svgz",
    ".js",
    ".mjs",
    ".cjs",
    ".xml",
    ".xsl",
    ".xslt",
    ".swf",
    ".php",
    ".jsp",
    ".asp",
    ".aspx",
    ".cgi",
    ".exe",
    ".bat",
    ".cmd",
    ".sh",
    ".jar",
    ".vbs",
    ".wasm",
    ".hta",
    ".appcache",
    ".manifest",
    ".xsd",
    ".mht",
    ".mhtml",
}
# Markup at the start of a "text" file: a browser sniffing it would render a page.
MARKUP_STARTS = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<?xml",
    b"<iframe",
    b"<!--",
    b"<meta",
    b"<object",
    b"<embed",
    b"<style",
    b"<link",
    b"<img",
    b"<a ",
    b"<div",
    b"<p>",
    b"<form",
)

IMAGE = "image"
PDF = "pdf"
TEXT = "text"
NOTEBOOK = "notebook"
LABELS = {
    IMAGE: _("une image (JPEG, PNG, GIF ou WebP)"),
    PDF: _("un PDF"),
    TEXT: _("un texte brut (.txt, .csv)"),
    NOTEBOOK: _("un notebook Jupyter (.ipynb)"),
}

# A stored picture is at most this many pixels on its longest side: enough for a page or a zoom on a screen.
IMAGE_MAX_SIDE = 2000
# Pixels an image may declare before it is decoded: a small file can declare a huge canvas (a
# "decompression bomb"). A JPEG is decoded at a reduced scale (Pillow's draft mode), so a phone's
# 108-megapixel photo costs little memory; the other formats are decoded whole.
IMAGE_MAX_PIXELS = {"image/jpeg": 120_000_000}
OTHER_IMAGE_MAX_PIXELS = 40_000_000
# Pillow's format → the suffix of the stored file.
IMAGE_SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
SCRIPT = "js/uploads.js"


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
    """The kind of an upload among `allowed`, recognised by its content; None if it is none of them.
    An image that declares too many pixels to be decoded safely is refused (ValidationError)."""
    head = _read_head(upload)
    inline = _sniff_inline(head)
    if IMAGE in allowed and inline and inline.startswith("image/"):
        try:
            with _open_image(upload, inline) as image:
                image.verify()
            return IMAGE
        except ValidationError:
            raise
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
    """The file to store for an upload: refused (ValidationError in French, with the limit) when it is
    not of an allowed kind or too large; a still image is re-encoded by `image_for_storage`, so a
    photo over `max_bytes` (up to settings.UPLOAD_MAX_BYTES, what the server accepts to receive) is
    downscaled rather than refused."""
    suffix = PurePosixPath(upload.name or "").suffix.lower()
    if suffix in REFUSED_SUFFIXES:
        raise _refused_type(allowed)
    inline = _sniff_inline(_read_head(upload))
    looks_like_image = IMAGE in allowed and bool(inline) and inline.startswith("image/")
    limit = max(max_bytes, settings.UPLOAD_MAX_BYTES) if looks_like_image else max_bytes
    if upload.size > limit:
        raise ValidationError(
            _("Fichier trop lourd (%(size)s) : %(max)s au plus."),
            code="too_big",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(limit)},
        )
    kind = upload_kind(upload, allowed)
    if kind is None:
        raise _refused_type(allowed)
    return image_for_storage(upload, max_bytes=max_bytes) if kind == IMAGE else upload


def _refused_type(allowed):
    accepted = ", ".join(str(LABELS[k]) for k in allowed)
    return ValidationError(
        _("Ce type de fichier n'est pas accepté. Fichiers acceptés : %(accepted)s."),
        code="file_type",
        params={"accepted": accepted},
    )


@contextmanager
def _open_image(upload, content_type):
    """The image, opened (not decoded) once its declared size is known to be reasonable."""
    from PIL import Image

    limit = IMAGE_MAX_PIXELS.get(content_type, OTHER_IMAGE_MAX_PIXELS)
    too_large = ValidationError(
        _("Image trop grande : %(max)s millions de pixels au plus."),
        code="too_many_pixels",
        params={"max": limit // 1_000_000},
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit is below
            image = Image.open(upload)
    except Image.DecompressionBombError:
        raise too_large from None
    with image:
        width, height = image.size
        if width * height > limit:
            raise too_large
        yield image


def image_for_storage(upload, *, max_bytes):
    """A still image as it is stored: turned upright (EXIF orientation), without metadata (EXIF with
    its GPS position, XMP, comments; the colour profile stays), at most IMAGE_MAX_SIDE pixels on its
    longest side, re-encoded in its format, then as JPEG (WebP when transparent) if still over
    `max_bytes`. An animated image is kept as it is. ValidationError when nothing fits."""
    from PIL import ExifTags, Image, ImageOps

    inline = _sniff_inline(_read_head(upload))
    try:
        with _open_image(upload, inline) as image:
            # A phone's JPEG is often MPO: the photo, then a preview or a depth map, which are dropped.
            source_format = "JPEG" if image.format == "MPO" else image.format
            if getattr(image, "n_frames", 1) > 1 and source_format != "JPEG":
                if upload.size > max_bytes:
                    raise ValidationError(
                        _("Fichier trop lourd (%(size)s) : %(max)s au plus."),
                        code="too_big",
                        params={"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
                    )
                return upload
            scale = IMAGE_MAX_SIDE / max(image.size)
            if scale < 1 and source_format == "JPEG":
                # Decode at 1/2, 1/4 or 1/8 of the size, never below the target: fast and light.
                image.draft("RGB", (max(1, int(image.width * scale)), max(1, int(image.height * scale))))
            image.load()
            turned = image.getexif().get(ExifTags.Base.Orientation, 1) != 1
            upright = ImageOps.exif_transpose(image) if turned else image
            if scale < 1 and upright.mode in ("P", "1"):  # a palette would be resized pixel by pixel
                upright = upright.convert("RGBA" if "transparency" in upright.info else "RGB")
            upright.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE), Image.Resampling.LANCZOS)
            # A JPEG that needs no change (one downscaled by the browser) keeps its quantisation: no second loss.
            as_it_is = not turned and scale >= 1 and image.format == "JPEG"
            for image_format, options in _encodings(upright, source_format, keep_quality=as_it_is):
                data = _encode(upright, image_format, options)
                if len(data) <= max_bytes:
                    stem = PurePosixPath(upload.name or "image").stem or "image"
                    return ContentFile(data, name=stem + IMAGE_SUFFIXES[image_format])
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - a truncated or broken image, seen only when decoded
        raise _refused_type([IMAGE]) from None
    finally:
        upload.seek(0)
    raise ValidationError(
        _("Image trop lourde, même réduite à %(side)s pixels : %(max)s au plus."),
        code="too_big",
        params={"side": IMAGE_MAX_SIDE, "max": filesizeformat(max_bytes)},
    )


def _encodings(image, source_format, *, keep_quality=False):
    """What to try, in order: the image's own format, then lossy formats that are much lighter."""
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    own = {"JPEG": {"quality": "keep" if keep_quality else 85}, "WEBP": {"quality": 85}, "PNG": {}, "GIF": {}}
    lighter = (
        [("WEBP", {"quality": 85}), ("WEBP", {"quality": 70})]
        if transparent
        else [("JPEG", {"quality": 85}), ("JPEG", {"quality": 70})]
    )
    return [(source_format, own[source_format])] + [
        entry for entry in lighter if entry != (source_format, own[source_format])
    ]


def _encode(image, image_format, options):
    keep = ("transparency",) if image.mode == "CMYK" else ("icc_profile", "transparency")  # a CMYK profile fits no RGB
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image_format == "WEBP" and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "transparency" in image.info or "A" in image.mode else "RGB")
    # Only what drawing needs: Pillow would otherwise write the source's comment (JPEG) or XMP again.
    image.info = {key: image.info[key] for key in keep if key in image.info}
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, optimize=image_format == "JPEG", **options)
    return buffer.getvalue()


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


class ImageFileInput(forms.ClearableFileInput):
    """A file input that takes photos: static/js/uploads.js downscales them before they are sent."""

    class Media:
        js = [forms.Script(SCRIPT, defer=True)]


def upload_limits(*, max_bytes, images=False):
    """The data- attributes that tell static/js/uploads.js the limits, and its messages in French: a file
    over `max_bytes` is refused before it is sent; with `images`, a photo is downscaled first (up to
    settings.UPLOAD_MAX_BYTES, the server does it when the browser cannot)."""
    size = lazy(filesizeformat, str)
    limits = {
        "data-max-bytes": max_bytes,
        "data-too-big": format_lazy(
            _("Fichier trop lourd : {max} au plus. Choisissez-en un plus léger."), max=size(max_bytes)
        ),
    }
    if images:
        limits.update(
            {
                "data-max-request-bytes": lazy(lambda: str(max(max_bytes, settings.UPLOAD_MAX_BYTES)), str)(),
                "data-image-max-side": IMAGE_MAX_SIDE,
                "data-resizing": _("Réduction de la photo avant l’envoi…"),
                "data-resized": format_lazy(
                    _("Photo réduite avant l’envoi : {side} pixels de côté au plus."), side=IMAGE_MAX_SIDE
                ),
            }
        )
    return limits


def file_input(*, accept, max_bytes, images=False):
    """A file input that tells the browser its limits (`upload_limits`): static/js/app.js refuses a
    file over them before anything is sent, static/js/uploads.js downscales photos first when the
    input takes `images`. The server checks again."""
    widget = ImageFileInput if images else forms.ClearableFileInput
    return widget(attrs={"accept": accept, **upload_limits(max_bytes=max_bytes, images=images)})


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
