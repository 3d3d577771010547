from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = _("Émargement")

    def ready(self):
        from accounts.personal_data import register

        from .personal_data import AttendanceData

        register(AttendanceData())
