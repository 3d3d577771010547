"""Reading notifications: the bell's count (one query), the list, a person's data export."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Notification, Preference

PAGE = 100


def unread_count(user):
    """One query on an index, whatever the number of notifications: the header of every page shows it."""
    return Notification.objects.filter(recipient=user, read_at=None).count()


def notifications_of(user, *, unread_only=False):
    qs = Notification.objects.filter(recipient=user).select_related("actor")
    if unread_only:
        qs = qs.filter(read_at=None)
    return list(qs[:PAGE])


def grouped_by_day(notifications, *, now=None):
    """[(« Aujourd'hui », [...]), (« Hier », [...]), (« Cette semaine », [...]), (« Plus tôt », [...])]."""
    today = timezone.localdate(now or timezone.now())
    groups = {}
    for notification in notifications:
        days = (today - timezone.localdate(notification.created_at)).days
        if days <= 0:
            label = _("Aujourd’hui")
        elif days == 1:
            label = _("Hier")
        elif days < 7:
            label = _("Cette semaine")
        else:
            label = _("Plus tôt")
        groups.setdefault(label, []).append(notification)
    return list(groups.items())


def for_export(user):
    """The person's notifications, for their data export (accounts.personal_data)."""
    return [
        {
            "id": n.pk,
            "kind": n.kind,
            "text": n.text,
            "url": n.url,
            "created_at": n.created_at,
            "read_at": n.read_at,
            "emailed_at": n.emailed_at,
        }
        for n in Notification.objects.filter(recipient=user).select_related("actor")
    ]


def preferences_for_export(user):
    return [{"id": p.pk, "email": p.email} for p in Preference.objects.filter(user=user)]
