from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """One message of the discussion about a piece of a learner's work: a submission, an exercise
    (« Demander de l'aide »), a competence. The subject is named, not linked: the app that owns it
    registers how to find it and who may see it (conversations.services.register_subject)."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=40)  # "submission:12", "exercise:7", "competence:5"
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    source = models.TextField(_("message"))  # what the author typed (a little Markdown)
    body = models.TextField()  # its HTML, sanitised
    asks_for_help = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["learner", "subject"], name="message_thread")]

    def __str__(self):
        return f"{self.subject} ({self.learner_id}): {self.source[:40]}"
