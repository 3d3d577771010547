from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Cohort, Role, Site, User
from courses.models import Course
from progress import services as progress_services

# Fixed, printed passwords: these accounts exist for trying the platform on a
# local machine, never in production (the command refuses when DEBUG is off).
DEMO_ACCOUNTS = [
    ("habitant", "Nadia", "Benali", Role.RESIDENT, "habitant-demo-2026"),
    ("stagiaire", "Yanis", "Moreau", Role.TRAINEE, "stagiaire-demo-2026"),
    ("formateur", "Claire", "Durand", Role.TRAINER, "formateur-demo-2026"),
    ("mediateur", "Karim", "Haddad", Role.MEDIATOR, "mediateur-demo-2026"),
    ("coordinateur", "Sophie", "Lefèvre", Role.COORDINATOR, "coordinateur-demo-2026"),
]


class Command(BaseCommand):
    help = "Create the demo sites, cohorts and one account per role (idempotent), and print their passwords."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, force=False, **options):
        from django.conf import settings

        if not settings.DEBUG and not force:
            self.stderr.write("Refusing to create demo accounts with DEBUG off (use --force).")
            return
        with transaction.atomic():
            school, _ = Site.objects.get_or_create(
                name="École du web de Villeneuve", defaults={"kind": Site.Kind.WEB_SCHOOL, "city": "Villeneuve"}
            )
            mediation, _ = Site.objects.get_or_create(
                name="Espace numérique de la médiathèque", defaults={"kind": Site.Kind.MEDIATION, "city": "Villeneuve"}
            )
            users = {}
            for username, first, last, role, password in DEMO_ACCOUNTS:
                user, _ = User.objects.get_or_create(username=username)
                user.first_name, user.last_name, user.role = first, last, role
                user.site = mediation if role in (Role.RESIDENT, Role.MEDIATOR) else school
                user.is_staff = user.is_superuser = role == Role.COORDINATOR
                user.set_password(password)
                user.save()
                users[role] = user
            promo, _ = Cohort.objects.get_or_create(name="Promo 2026 — Développeurs web", site=school)
            promo.trainers.add(users[Role.TRAINER])
            promo.learners.add(users[Role.TRAINEE])
            group, _ = Cohort.objects.get_or_create(name="Atelier du mardi — premiers pas", site=mediation)
            group.trainers.add(users[Role.MEDIATOR])
            group.learners.add(users[Role.RESIDENT])
            for course in Course.objects.filter(track__slug="ecole-du-web"):
                course.cohorts.add(promo)
                course.authors.add(users[Role.TRAINER])
            for course in Course.objects.exclude(track__slug="ecole-du-web"):
                course.authors.add(users[Role.TRAINER])
            # The Écoles du web's double certification: the titre professionnel and the digital skills (Pix).
            progress_services.cohort_follow(cohort=promo, codes=["RNCP37674", "CRCN"])
        self.stdout.write("Demo accounts (username / password):")
        for username, _first, _last, role, password in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role.label:<20} {username:<14} {password}")
