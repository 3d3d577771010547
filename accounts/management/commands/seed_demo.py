import random
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts import services as accounts_services
from accounts.models import Cohort, Role, Site, User
from attendance import selectors as attendance_selectors
from attendance import services as attendance_services
from courses import services as courses_services
from courses.models import Course
from exercises import services as exercises_services
from exercises.kinds import kind_of
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
# Classmates of the demo trainee and resident, without a password (nobody signs in as them): with
# their five months of lessons and quizzes, every group is over the indicators' 5-person threshold
# and every indicator has figures. Their activity goes through the platform's own services (quizzes
# graded by the quiz grader); only the dates are in the past.
DEMO_CLASSMATES = {
    Role.TRAINEE: ["Inès", "Mehdi", "Awa", "Lucas", "Sarah", "Bilal", "Chloé", "Moussa", "Léa"],
    Role.RESIDENT: ["Fatima", "Gérard", "Josiane", "Ali", "Monique", "Samir"],
}
HISTORY_DAYS = 150


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
            newcomers = []
            for role, names in DEMO_CLASSMATES.items():
                site, cohort = (school, promo) if role == Role.TRAINEE else (mediation, group)
                for number, first in enumerate(names, start=1):
                    user, created = User.objects.get_or_create(
                        username=f"demo-{role}-{number:02d}",
                        defaults={"first_name": first, "last_name": "Démo", "role": role, "site": site},
                    )
                    if created:
                        user.set_unusable_password()
                        user.save()
                        cohort.learners.add(user)
                        newcomers.append(user)
            for user in newcomers:  # a history only once: running the command again changes nothing
                _history(user)
            _shared_with_the_mediator([u for u in newcomers if u.role == Role.RESIDENT][:3])
            _assessments(users[Role.TRAINER], [u for u in newcomers if u.role == Role.TRAINEE][:2])
            _attendance(promo, users[Role.TRAINER], weekdays=range(5))
            _attendance(group, users[Role.MEDIATOR], weekdays=[1], afternoons=False)
        self.stdout.write("Demo accounts (username / password):")
        for username, _first, _last, role, password in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role.label:<20} {username:<14} {password}")


def _shared_with_the_mediator(residents):
    """Three residents of the group agreed to share their achievements with the mediator, and took the
    positioning test (when one is imported): « Personnes accompagnées » shows them and their advice."""
    for user in residents:
        accounts_services.sharing_set(user=user, shares=True)
        rng = random.Random(f"positioning-{user.username}")
        for test in progress_services.positioning_tests(user)[:1]:
            answers = {
                q["id"]: rng.choice(
                    ["0", "1", "2"] if q["kind"] == "can" else [*map(str, range(len(q["choices"]))), "?"]
                )
                for q in test.spec["questions"]
            }
            progress_services.placement_record(user=user, test=test, answers=answers)


def _history(user):
    """Five months of a demo learner: a share of each course's lessons and exercises graded at once
    (quizzes, simulations), in order, spread over the past months; one in four is first sent empty or
    unfinished, then sent again right (Kind.demo_attempts). A resident who
    completes a course gets its attestation as anyone would (progress.services.course_check)."""
    rng = random.Random(user.username)
    now = timezone.now()
    if user.role == Role.RESIDENT:
        courses = list(Course.objects.filter(track__slug="numerique-de-base", status="published"))
        for course in courses:
            courses_services.enrolment_create(user=user, course=course)
    else:
        courses = list(Course.objects.filter(track__slug="ecole-du-web", status="published"))
    for course in courses:
        items = courses_services.course_outline(course, user).items
        share = rng.uniform(0.35, 1.0)
        if user.username == f"demo-{Role.RESIDENT}-01" and course == courses[0]:
            share = 1.0  # a resident of the group has finished a course: the indicators count an attestation
        done = items[: max(1, round(len(items) * share))]
        for index, item in enumerate(done):
            at = now - timedelta(days=HISTORY_DAYS * (1 - (index + 1) / len(done)), hours=rng.randint(1, 48))
            if item.activity == "lesson":
                courses_services.lesson_complete(user=user, lesson=item, at=at)
            elif item.activity == "exercise":  # the kinds graded at once (quizzes, simulations) are played
                for work in kind_of(item.kind).demo_attempts(item.spec(), rng):
                    exercises_services.submission_create(exercise=item, learner=user, mode="submit", at=at, **work)
                    at += timedelta(hours=1)


def _assessments(trainer, trainees):
    """The demo trainer has validated, after an in-training assessment, every competence of the
    titre professionnel's first block (the front end) for two classmates: « Blocs prêts pour le jury »
    has figures, and their livret shows who validated what and when."""
    for user in trainees:
        for view in progress_services.learner_overview(user):
            if view.qualification.code != "RNCP37674":
                continue
            for item in view.blocks[0].competences:
                progress_services.competence_validate(
                    user=user,
                    competence=item.competence,
                    by=trainer,
                    comment="Évaluation en cours de formation : projet vitrine.",
                )


def _attendance(cohort, trainer, weekdays, afternoons=True):
    """The group's sessions from the first day of last month to two weeks ahead (its half-days), made once:
    the past ones with their lists, as the platform makes them (most learners signed in with the code,
    a few absences with their reason, the trainer's signature); only the times are moved to the session's."""
    if attendance_selectors.has_sessions(cohort) or not cohort.learners.exists():
        return
    today = timezone.localdate()
    start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    days = [start + timedelta(days=n) for n in range((today - start).days + 15)]
    rng = random.Random(cohort.name)
    for day in (day for day in days if day.weekday() in weekdays):
        for half_day in ["matin", "apres-midi"] if afternoons else ["matin"]:
            begins, ends = attendance_services.DEFAULT_TIMES[half_day]
            attendance_services.session_create(
                cohort=cohort,
                by=trainer,
                date=day,
                half_day=half_day,
                starts_at=begins,
                ends_at=ends,
                place=cohort.site.name,
                trainer=trainer,
            )
    learners = list(cohort.learners.all())
    for session in attendance_selectors.sessions_between(cohort, start, today):
        code = attendance_services.code_open(session=session)
        absent = {}
        for learner in learners:
            draw = rng.random()
            if draw < 0.86:
                attendance_services.presence_sign(user=learner, code=code, by_qr=draw < 0.3)
            elif draw < 0.94:
                absent[learner] = ("justifiee", None, rng.choice(["maladie", "rendez-vous", "emploi"]), "")
            else:
                absent[learner] = ("absence", None, "", "")
        attendance_services.code_close(session=session)
        attendance_services.presences_mark(session=session, by=trainer, rows=absent)
        attendance_services.session_sign(session=session, by=trainer, learners=learners)
        attendance_services.move_to_session_time(session=session, rng=rng)
