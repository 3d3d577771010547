from celery import shared_task

from . import services


@shared_task
def send_notification_emails(user_id):
    """One person's unread notifications by e-mail (immediate, or their part of the daily digest)."""
    return services.emails_send(user_id=user_id)


@shared_task
def send_daily_digests():
    """The morning summary for the people who asked for one; each person's e-mail is its own task."""
    people = services.daily_digest_recipients()
    for user_id in people:
        send_notification_emails.delay(user_id)
    return len(people)


@shared_task
def purge_notifications(days=180):
    """Read notifications go after six months, unread ones after a year: the list stays short."""
    return services.notifications_purge(read_after_days=days, unread_after_days=2 * days)
