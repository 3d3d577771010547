"""A notebook as sanitised HTML (nbconvert's "basic" template, then nh3): lessons and graded work.

Outputs are produced by learners' code and markdown cells may be written by learners: the HTML is
cleaned with an allow-list like every rich text of the platform; images stay as `data:` PNG/JPEG/SVG-free
images (SVG outputs are dropped: they could carry scripts), links keep http(s) and mailto only.
"""

import logging
import re
import warnings

import nh3
from django.utils.translation import gettext as _

from courses.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

ATTRIBUTES = {tag: set(values) for tag, values in ALLOWED_ATTRIBUTES.items()}
for _tag in ("div", "span", "pre", "table", "tr", "th", "td", "thead", "tbody", "code", "img"):
    ATTRIBUTES.setdefault(_tag, set()).add("class")
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
        config.NbConvertBase.display_data_priority = ["text/html", "text/markdown", "image/png", "image/jpeg", "text/plain"]
        _exporter = HTMLExporter(config=config, template_name="basic", exclude_output_prompt=True)
        _exporter.log.setLevel(logging.ERROR)  # "alternative text is missing": we give one below
    return _exporter


def _attribute(element, attribute, value):
    if element == "img" and attribute == "src":
        return value if DATA_IMAGE.match(value) else None
    if element == "img" and attribute == "alt" and value == DEFAULT_ALT:
        return _("Image produite par le code de la cellule")
    if element == "a" and attribute == "href" and not re.match(r"^(https?:|mailto:|#)", value):
        return None
    return value


def _demote(match):
    """The page has its own <h1>: a notebook's headings go one level down."""
    level = min(int(match.group(2)) + 1, 6)
    return f"<{match.group(1)}h{level}"


def render(notebook):
    """Sanitised HTML of a notebook node (its outputs as they are)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pygments' missing IPython lexer: Python's is used
        body, _resources = _html_exporter().from_notebook_node(notebook)
    match = re.search(r"<body[^>]*>(.*)</body>", body, re.DOTALL)
    body = match.group(1) if match else body
    body = re.sub(r'<a class="anchor-link" href="#[^"]*">[^<]*</a>', "", body)
    body = re.sub(r"<(/?)h([1-6])", _demote, body)
    return nh3.clean(
        body, tags=ALLOWED_TAGS | {"h1"}, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto", "data"},
        attribute_filter=_attribute, link_rel="noopener noreferrer", strip_comments=True,
        clean_content_tags={"script", "style"},
    )
