from django.db.models import Count

from .models import Message


def thread(subject):
    """The thread's entries in order: its messages and what the subject keeps elsewhere (line comments)."""
    messages = Message.objects.filter(learner=subject.learner, subject=subject.key).select_related("author")
    entries = [
        {"created_at": m.created_at, "author": m.author, "body": m.body, "help": m.asks_for_help, "pk": m.pk}
        for m in messages
    ]
    return sorted(entries + subject.extra, key=lambda entry: entry["created_at"])


def message_counts(learner, keys):
    """{subject key: number of messages} for a learner's subjects (one query)."""
    rows = Message.objects.filter(learner=learner, subject__in=keys).values("subject").annotate(n=Count("pk"))
    return {row["subject"]: row["n"] for row in rows}


def for_export(user):
    return [
        {
            "id": m.pk,
            "about": m.subject,
            "learner": m.learner_id,
            "written_by_you": m.author_id == user.pk,
            "text": m.source,
            "asks_for_help": m.asks_for_help,
            "created_at": m.created_at,
        }
        for m in Message.objects.filter(learner=user) | Message.objects.filter(author=user)
    ]
