from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Parcours et cours")

    def ready(self):
        from accounts.personal_data import register as register_personal_data

        from .personal_data import CourseData

        register_personal_data(CourseData())
