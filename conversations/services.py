"""Discussions about a learner's work: a thread per submission, per exercise (asking for help) and per
competence, between the learner and those who follow their work (accounts' one rule: trainers of
their cohorts, mediators with the learner's agreement, coordinators).

The apps that own the subjects register them when they start (`register_subject`): how to find one
for a learner, its title and its page, and what else belongs in its thread (a submission's line
comments). This app sits between courses and exercises: it knows people (accounts), sanitising
(courses.sanitize) and notifications, not exercises or competences.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import selectors as accounts_selectors
from accounts import services as accounts_services
from courses.sanitize import markdown_to_html
from notifications import services as notifications

from .models import Message

MAX_LENGTH = 5000
SUBJECTS = {}


@dataclass
class Subject:
    name: str  # "submission"
    pk: int
    learner: object
    title: str
    url: str  # the subject's page, for the viewer
    # Entries of the thread kept elsewhere (a submission's line comments): dicts with created_at,
    # author, text, where ("notes.py, ligne 2").
    extra: list = field(default_factory=list)

    @property
    def key(self):
        return f"{self.name}:{self.pk}"

    @property
    def thread_url(self):
        return reverse("conversations:thread", args=[self.learner.pk, self.name, self.pk])


def register_subject(name, resolver):
    """resolver(viewer, learner, pk) -> Subject, or raises Http404 when there is no such subject for
    this learner (the viewer may see the learner's work: that is checked here, before)."""
    SUBJECTS[name] = resolver


def access_thread(user, learner_pk, name, pk):
    """The subject of a thread the user may read and write in; 404 otherwise (the learner, and whoever
    may see the learner's work)."""
    resolver = SUBJECTS.get(name)
    learner = get_user_model().objects.filter(pk=learner_pk).first()
    if resolver is None or learner is None or not accounts_services.may_see_learner_work(user, learner):
        raise Http404
    return resolver(user, learner, pk)


def message_post(*, subject, author, text, asks_for_help=False):
    """Store the message (sanitised) and tell the other side: the learner's trainers when the learner
    writes (« Demander de l'aide » says so), otherwise the learner and the staff already in the thread."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Écrivez votre message."), code="empty")
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("Votre message est trop long : %(max)s caractères au plus.") % {"max": MAX_LENGTH}, code="too_long"
        )
    learner = subject.learner
    message = Message.objects.create(
        learner=learner,
        subject=subject.key,
        author=author,
        source=text,
        body=markdown_to_html(text),
        asks_for_help=asks_for_help and author.pk == learner.pk,
    )
    if author.pk == learner.pk:
        recipients = accounts_selectors.staff_of(learner)
    else:
        earlier = Message.objects.filter(learner=learner, subject=subject.key).exclude(author=learner)
        staff_ids = set(earlier.values_list("author_id", flat=True))
        recipients = [learner, *get_user_model().objects.filter(pk__in=staff_ids, is_active=True)]
        recipients = [person for person in recipients if accounts_services.may_see_learner_work(person, learner)]
    notifications.notify(
        recipients=recipients,
        kind=notifications.Kind.HELP if message.asks_for_help else notifications.Kind.MESSAGE,
        url=subject.thread_url,
        title=subject.title,
        actor=author,
        key=f"thread:{learner.pk}:{subject.key}",
    )
    return message
