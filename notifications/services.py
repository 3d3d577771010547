"""Notifications: telling people what happened, in the platform and, if they asked, by e-mail.

This app is the lowest of all (it imports none of the others): accounts, courses, exercises and
progress call `notify` where the thing happens, with the people to tell (their own rule of who may
know) and the page to open.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme

from .models import Notification, Preference

log = logging.getLogger(__name__)
# What callers name when they notify (notifications.Kind.COMMENT…): the model stays this app's own.
Kind = Notification.Kind


def notify(*, recipients, kind, url, title="", actor=None, key="", params=None, count=1, replace=False):
    """Tell each recipient (the actor excepted) once: an unread notification with the same key grows
    its count by `count` (or takes it, `replace`: « 3 learners at risk » this week) and comes back to
    the top instead of adding a line. Returns how many people were told."""
    people = {person.pk: person for person in recipients if person and person.pk != getattr(actor, "pk", None)}
    if not people:
        return 0
    now = timezone.now()
    params = {"title": str(title)[:200], **(params or {})}
    grouped = set()
    if key:
        unread = Notification.objects.filter(recipient_id__in=people, key=key, kind=kind, read_at=None)
        grouped = set(unread.values_list("recipient_id", flat=True))
        unread.update(
            count=count if replace else F("count") + count, created_at=now, params=params, actor=actor, emailed_at=None
        )
    Notification.objects.bulk_create(
        Notification(
            recipient_id=pk, kind=kind, key=key, count=count, actor=actor, params=params, url=url, created_at=now
        )
        for pk in people
        if pk not in grouped
    )
    immediate = Preference.objects.filter(user_id__in=people, email=Preference.Email.IMMEDIATE)
    at_once = list(immediate.values_list("user_id", flat=True))
    if at_once:
        from .tasks import send_notification_emails

        transaction.on_commit(lambda: [_enqueue(send_notification_emails, pk) for pk in at_once])
    return len(people)


def _enqueue(task, user_id):
    """An e-mail is a convenience: a broker that is down never fails the action that notified (the
    notification is in the platform, and the daily sweep sends what is left)."""
    try:
        task.apply_async((user_id,), retry=False)
    except Exception:  # noqa: BLE001 - the broker is an external boundary
        log.warning("Could not queue the e-mail of user %s's notifications", user_id)


def access_notification(user, pk):
    notification = Notification.objects.filter(pk=pk, recipient=user).first()
    if notification is None:
        raise Http404
    return notification


def notification_open(*, user, pk):
    """Mark it read and return where to go (always a page of this site)."""
    notification = access_notification(user, pk)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=timezone.now())
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return "/"
    return notification.url


def notifications_mark_read(*, user):
    return Notification.objects.filter(recipient=user, read_at=None).update(read_at=timezone.now())


def preference_of(user):
    preference = Preference.objects.filter(user=user).first()
    return preference.email if preference else Preference.Email.NEVER


def preference_set(*, user, email):
    """E-mail needs an address: without one, the bell only."""
    if email != Preference.Email.NEVER and not user.email:
        email = Preference.Email.NEVER
    Preference.objects.update_or_create(user=user, defaults={"email": email})
    return email


def emails_send(*, user_id, site_url=None):
    """Send one e-mail with the person's unread notifications not sent yet, then mark them sent.
    Safe to run twice: the rows are claimed (emailed_at) before the message goes."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return 0
    with transaction.atomic():
        # Locked alone: PostgreSQL refuses FOR UPDATE on the nullable side of a join (the actor).
        ids = list(
            Notification.objects.select_for_update()
            .filter(recipient=user, read_at=None, emailed_at=None)
            .order_by("-created_at")
            .values_list("pk", flat=True)[:50]
        )
        if not ids:
            return 0
        Notification.objects.filter(pk__in=ids).update(emailed_at=timezone.now())
    pending = list(Notification.objects.filter(pk__in=ids).select_related("actor").order_by("-created_at"))
    base = (site_url or settings.SITE_URL).rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {"user": user, "notifications": pending, "base": base}
        subject = render_to_string("notifications/email_subject.txt", context).strip()
        body = render_to_string("notifications/email.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:
        # Not sent: the next run tries again.
        Notification.objects.filter(pk__in=ids).update(emailed_at=None)
        raise
    return len(pending)


def daily_digest_recipients():
    """The people who asked for a daily summary and have unread notifications not sent yet."""
    return list(
        Preference.objects.filter(email=Preference.Email.DAILY)
        .filter(user__notifications__read_at=None, user__notifications__emailed_at=None)
        .values_list("user_id", flat=True)
        .distinct()
    )


def notifications_purge(*, read_after_days, unread_after_days):
    now = timezone.now()
    deleted, _ = Notification.objects.filter(
        Q(read_at__lt=now - timedelta(days=read_after_days)) | Q(created_at__lt=now - timedelta(days=unread_after_days))
    ).delete()
    return deleted
