from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = _("Exercices et correction")

    def ready(self):
        from accounts.personal_data import register as register_personal_data
        from conversations.services import register_subject
        from courses.packages import register_folder_item
        from courses.services import register_outline_provider

        from .packages import ExerciseFolders
        from .personal_data import ExerciseData
        from .services import OutlineProvider, exercise_subject, submission_subject

        register_outline_provider(OutlineProvider())
        register_folder_item(ExerciseFolders())
        register_personal_data(ExerciseData())
        register_subject("submission", submission_subject)
        register_subject("exercise", exercise_subject)
