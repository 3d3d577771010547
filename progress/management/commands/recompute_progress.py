from django.core.management.base import BaseCommand

from progress import services


class Command(BaseCommand):
    help = "Rebuild every learner's evidence and competence states from submissions and lesson completions."

    def handle(self, **options):
        count = services.recompute()
        self.stdout.write(f"{count} (apprenant, compétence) recalculés.")
