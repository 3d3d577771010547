from django import template

from .. import sheets

register = template.Library()


@register.filter
def hours(minutes):
    return sheets.hours_text(minutes)


@register.filter
def status_label(line):
    """A line of a sheet: its session's attendance, or « À venir »."""
    return sheets.status_text(line.presence, line.upcoming)


@register.filter
def learner_signature(presence):
    return sheets.learner_signature(presence)


@register.filter
def trainer_signature(session):
    return sheets.trainer_signature(session)


@register.filter
def spaced_code(code):
    """123 456: read aloud and typed in two halves."""
    return f"{code[:3]} {code[3:]}" if code else ""


@register.filter
def month_start(day):
    return day.replace(day=1)


@register.simple_tag
def get_item(mapping, key):
    return mapping.get(key)
