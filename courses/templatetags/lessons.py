import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

WIDE = re.compile(r"(<(table|pre)\b.*?</\2>)", re.DOTALL)
HEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.DOTALL)
HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.DOTALL)
CELL_OPEN = re.compile(r"<td\b([^>]*)>")
TAG = re.compile(r"<[^>]+>")


def _as_cards(table):
    """A table with a header row, each cell labelled with its column's name: on a phone it reads as
    cards (static/css/app.css, .table-cards) instead of being cut off. None if it cannot be (no
    <thead>, merged cells)."""
    head = HEAD.search(table)
    if head is None or "colspan" in table or "rowspan" in table or "<table " in table[1:]:
        return None
    labels = [" ".join(TAG.sub("", cell).split()) for cell in HEADER_CELL.findall(head.group(1))]
    if not labels:
        return None

    def row(match):
        names = iter(labels)
        return CELL_OPEN.sub(lambda cell: f'<td data-label="{escape(next(names, ""))}"{cell.group(1)}>', match.group(0))

    body = ROW.sub(row, table[head.end():])
    return table[:head.end()].replace("<table", '<table class="table-cards"', 1) + body


@register.filter
def lesson_html(body):
    """Wrap tables and code blocks of a sanitised lesson in focusable scroll regions.

    They keep their layout (code its indentation) and scroll sideways on a small
    screen; keyboard users can focus the region to scroll it (WCAG 2.1.1). The
    stored HTML cannot carry tabindex (the sanitiser removes it), hence render time.
    """

    def wrap(match):
        if match.group(2) == "table" and 'class="' not in match.group(1)[:match.group(1).index(">")]:
            cards = _as_cards(match.group(1))
            if cards is not None:
                return cards
        label = _("Tableau") if match.group(2) == "table" else _("Code")
        return f'<div class="scroll-region" role="region" tabindex="0" aria-label="{escape(label)}">{match.group(1)}</div>'

    return mark_safe(WIDE.sub(wrap, body or ""))
