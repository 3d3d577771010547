from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Progression et compétences")

    def ready(self):
        from accounts.personal_data import register as register_personal_data
        from conversations.services import register_subject
        from courses import qualifications
        from courses import services as courses_services
        from exercises import services as exercises_services

        from . import services
        from .personal_data import ProgressData

        register_personal_data(ProgressData())
        register_subject("competence", services.competence_subject)
        # Completions, saved lessons and gradings reach progress through these (the lower apps never import it).
        courses_services.register_lesson_listener(services.LESSON_EVENTS)
        exercises_services.register_grading_listener(services.submission_graded)
        # Competence codes and attestation policies are checked, and links kept, through these.
        qualifications.register(
            unknown_codes=services.unknown_codes,
            links_changed=services.sync_links,
            attestation_policy_clean=services.attestation_policy_clean,
        )
