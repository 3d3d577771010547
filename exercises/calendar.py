"""Due dates as an iCalendar feed (RFC 5545), for the calendar of a phone or a mail client."""

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event


def ics(items, *, base, name, with_cohort=False):
    calendar = Calendar()
    calendar.add("prodid", "-//Tremplin//Echeances//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    now = timezone.now()
    for item in items:
        event = Event()
        event.add("uid", f"tremplin-echeance-{item.deadline.pk}")
        event.add("dtstamp", now)
        event.add("dtstart", item.due_at)
        event.add("dtend", item.due_at)
        summary = _("À rendre : %(title)s") % {"title": item.title}
        if with_cohort:
            summary += f" ({item.deadline.cohort.name})"
        event.add("summary", summary)
        event.add("description", item.course_title)
        event.add("url", base + item.url)
        calendar.add_component(event)
    return calendar.to_ical()
