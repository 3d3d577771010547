from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Progression et compétences")

    def ready(self):
        from accounts.personal_data import register as register_personal_data

        from .personal_data import ProgressData

        register_personal_data(ProgressData())
