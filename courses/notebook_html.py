"""A notebook as sanitised HTML (nbconvert's "basic" template, then nh3): lessons and graded work.

Outputs are produced by learners' code and markdown cells may be written by learners: the HTML is
cleaned with an allow-list like every rich text of the platform; images stay as `data:` PNG/JPEG/SVG-free
images (SVG outputs are dropped: they could carry scripts), links keep http(s) and mailto only.
"""

import html
import logging
import re
import warnings

import nh3
from django.utils.translation import gettext as _

from courses.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

ATTRIBUTES = {tag: set(values) - {"class"} for tag, values in ALLOWED_ATTRIBUTES.items()}
# Only the classes the stylesheet uses (nbconvert writes five or six per cell: a lesson's weight).
CLASSES = {"div": {"cell", "input_prompt", "output_area", "output_error", "output_stderr"}}
DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$")
DEFAULT_ALT = "No description has been provided for this image"

_exporter = None


def _html_exporter():
    global _exporter
    if _exporter is None:
        from nbconvert import HTMLExporter

        # "basic": the cells' markup only, none of JupyterLab's 300 KB of CSS; our stylesheet styles it.
        from traitlets.config import Config

        config = Config()
        # No SVG or JavaScript outputs: only what can be rendered safely.
        config.NbConvertBase.display_data_priority = [
            "text/html",
            "text/markdown",
            "image/png",
            "image/jpeg",
            "text/plain",
        ]
        # Code without syntax highlighting: pygments wraps every token in a <span>, tripling a lesson's
        # weight for colours the platform's stylesheet does not show anyway.
        _exporter = HTMLExporter(
            config=config, template_name="basic", exclude_output_prompt=True, filters={"highlight_code": _plain_code}
        )
        _exporter.log.setLevel(logging.ERROR)  # "alternative text is missing": we give one below
    return _exporter


def _plain_code(source, language=None, metadata=None):
    return '<div class="highlight"><pre><code>' + html.escape(source) + "</code></pre></div>"


def _attribute(element, attribute, value):
    if element == "img" and attribute == "src":
        return value if DATA_IMAGE.match(value) or re.fullmatch(r"#nbimg-\d+", value) else None
    if element == "img" and attribute == "alt" and value == DEFAULT_ALT:
        return _("Image produite par le code de la cellule")
    if element == "a" and attribute == "href" and not re.match(r"^(https?:|mailto:|#)", value):
        return None
    return value


def _demote(match):
    """The page has its own <h1>: a notebook's headings go one level down."""
    level = min(int(match.group(2)) + 1, 6)
    return f"<{match.group(1)}h{level}"


DATA_IMAGE_SRC = re.compile(r'src="data:image/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/=\s]+)"')
PLACEHOLDER = re.compile(r'src="#nbimg-(\d+)"')
MAX_IMAGES = 50
EMPTY_PROMPT = re.compile(r'<div class="input_prompt">\s*</div>')


def render(notebook, images=None):
    """Sanitised HTML of a notebook node (its outputs as they are).

    With `images` (a list), pictures are not inlined: they are appended to it as (mime type, base64)
    and the HTML points to them as "#nbimg-N", for `with_image_urls` to replace by real addresses —
    pages stay light (an inlined chart weighs a third more than the file) and images are cached."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pygments' missing IPython lexer: Python's is used
        body, _resources = _html_exporter().from_notebook_node(notebook)
    match = re.search(r"<body[^>]*>(.*)</body>", body, re.DOTALL)
    body = match.group(1) if match else body
    body = re.sub(r'<a class="anchor-link" href="#[^"]*">[^<]*</a>', "", body)
    body = re.sub(r"<(/?)h([1-6])", _demote, body)
    if images is not None:

        def extract(match):
            if len(images) >= MAX_IMAGES:
                return 'src=""'
            images.append((f"image/{match.group(1)}", re.sub(r"\s", "", match.group(2))))
            return f'src="#nbimg-{len(images) - 1}"'

        body = DATA_IMAGE_SRC.sub(extract, body)
    body = nh3.clean(
        body,
        tags=ALLOWED_TAGS | {"h1"},
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        url_schemes={"http", "https", "mailto", "data"},
        attribute_filter=_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )
    return EMPTY_PROMPT.sub("", body.replace(' class=""', ""))


def with_image_urls(body, url_for):
    """Point the "#nbimg-N" pictures of a rendered notebook to `url_for(N)`, loaded lazily."""
    from django.utils.html import escape

    return PLACEHOLDER.sub(lambda m: f'src="{escape(url_for(int(m.group(1))))}" loading="lazy"', body)


def image_response(images, index):
    """An HttpResponse for one extracted picture (404 if there is none at that index)."""
    import base64

    from django.http import Http404, HttpResponse

    if not 0 <= index < len(images or []):
        raise Http404
    mime, data = images[index]
    if mime not in ("image/png", "image/jpeg", "image/gif", "image/webp"):
        raise Http404
    response = HttpResponse(base64.b64decode(data), content_type=mime)
    response["Cache-Control"] = "private, max-age=86400"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
