from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = _("Discussions sur le travail")

    def ready(self):
        from accounts.personal_data import register

        from .personal_data import MessageData

        register(MessageData())
