from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = _("Exercices et correction")

    def ready(self):
        from accounts.personal_data import register as register_personal_data
        from courses.packages import register_folder_item
        from courses.services import register_outline_provider

        from .packages import ExerciseFolders
        from .personal_data import ExerciseData
        from .services import OutlineProvider

        register_outline_provider(OutlineProvider())
        register_folder_item(ExerciseFolders())
        register_personal_data(ExerciseData())
