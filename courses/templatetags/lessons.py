import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

WIDE = re.compile(r"(<(table|pre)\b.*?</\2>)", re.DOTALL)


@register.filter
def lesson_html(body):
    """Wrap tables and code blocks of a sanitised lesson in focusable scroll regions.

    They keep their layout (code its indentation) and scroll sideways on a small
    screen; keyboard users can focus the region to scroll it (WCAG 2.1.1). The
    stored HTML cannot carry tabindex (the sanitiser removes it), hence render time.
    """

    def wrap(match):
        label = _("Tableau") if match.group(2) == "table" else _("Code")
        return (
            f'<div class="scroll-region" role="region" tabindex="0" aria-label="{escape(label)}">{match.group(1)}</div>'
        )

    return mark_safe(WIDE.sub(wrap, body or ""))
