"""Who may open what: every view, every persona. Anonymous visitors are sent to the login page."""

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from attendance.models import Session
from courses.models import Lesson, Status
from exercises import results
from exercises.models import Deadline, RenderedNotebook, Screenshot, Submission
from notifications import services as notifications
from progress import services as progress_services
from progress.models import Competence, Evidence, Qualification

from .exercises.conftest import load_exercise

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)

OK = {200, 302}
# A POST its persona may send, with the matrix's placeholder data: refused as a form (400) or done.
OK_POST = {200, 302, 400}
DENIED = {403, 404}
POST_DATA = {
    "decide on a competence": {"action": "observe", "note": "Vu en atelier"},
    "a simulation's button": {"do": "report", "message": "colis"},
    "notifications by e-mail": {"email": "never"},
}
PERSONAS = ["resident", "trainee", "other_trainee", "trainer", "other_trainer", "mediator", "coordinator"]


@pytest.fixture
def world(basics_course, web_course, cohort, other_cohort, mediator, resident, coordinator):
    web_lesson = Lesson.objects.filter(module__course=web_course).first()
    web_lesson.notebook = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    web_lesson.notebook_images = [
        [
            "image/png",
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
        ]
    ]
    web_lesson.save()
    draft = Lesson.objects.filter(module__course=basics_course).last()
    draft.status = Status.DRAFT
    draft.save()
    learner = cohort.learners.first()
    python = load_exercise(web_lesson.module, "moyenne")
    notebook = load_exercise(web_lesson.module, "notebook-villes")
    work = Submission.objects.create(
        exercise=python,
        learner=learner,
        files={"moyenne.py": "x = 1"},
        attempt=1,
        status="failed",
        score=0.5,
        final_score=0.5,
    )
    Screenshot.objects.create(submission=work, width=360, image=PNG)
    web_page = load_exercise(web_lesson.module, "carte-visite")
    simulation = load_exercise(web_lesson.module, "simulation-courriel")
    booking = load_exercise(web_lesson.module, "simulation-rendez-vous")
    shop = load_exercise(web_lesson.module, "simulation-achat")
    procedure = load_exercise(web_lesson.module, "simulation-demarche")
    account = load_exercise(web_lesson.module, "simulation-compte")
    written = results.Result(
        status="failed",
        pending=1,
        tests=[
            results.TestResult(
                name="Réponse rédigée", status="pending", points=1, earned=0, key="explication", manual=True
            )
        ],
    )
    notebook_work = Submission.objects.create(
        exercise=notebook,
        learner=learner,
        files={"notebook.ipynb": "{}"},
        attempt=1,
        status="failed",
        score=0,
        final_score=0,
        result=written.to_storage(),
        needs_review=True,
    )
    RenderedNotebook.objects.create(submission=notebook_work, html="<p>ok</p>", images=[["image/png", "iVBORw0KGgo="]])
    qualification = Qualification.objects.create(code="TEST-Q", title="Référentiel d'essai")
    competence = Competence.objects.create(
        block=qualification.blocks.create(code="TEST-Q-B1", title="Bloc"), code="TEST-Q-C1", title="Compétence"
    )
    progress_services.cohort_follow(cohort=cohort, codes=["TEST-Q"])
    observation = Evidence.objects.create(
        user=learner, competence=competence, kind=Evidence.Kind.OBSERVATION, note="Vu en atelier"
    )
    observation.file.save("note.txt", ContentFile(b"vu"), save=True)
    deadline = Deadline.objects.create(cohort=cohort, exercise=python, due_at=timezone.now())
    session = Session.objects.create(
        cohort=cohort, date=timezone.localdate(), half_day="matin", starts_at="09:00", ends_at="12:30"
    )
    notifications.notify(recipients=[learner], kind=notifications.Kind.COMMENT, url="/", title="x")
    return {
        "notification": learner.notifications.get(),
        "deadline": deadline,
        "session": session,
        "basics": basics_course,
        "web": web_course,
        "web_lesson": web_lesson,
        "draft": draft,
        "module": web_lesson.module,
        "cohort": cohort,
        "learner": learner,
        "python": python,
        "notebook": notebook,
        "web_page": web_page,
        "simulation": simulation,
        "booking": booking,
        "shop": shop,
        "procedure": procedure,
        "account": account,
        "work": work,
        "notebook_work": notebook_work,
        "competence": competence,
        "observation": observation,
    }


def views(w):
    """(name, url, method, personas allowed, login required)."""
    c, web, lesson = w["cohort"], w["web"], w["web_lesson"]
    staff = {"trainer", "coordinator"}
    doers = {"trainee", "trainer", "coordinator"}  # the course's learners and its authors
    learners = {"resident", "trainee", "other_trainee"}
    session, month = w["session"], timezone.localdate().replace(day=1)
    return [
        ("catalogue", reverse("courses:catalogue"), "get", set(PERSONAS), False),
        ("course page", web.get_absolute_url(), "get", set(PERSONAS), False),
        ("dashboard", reverse("accounts:dashboard"), "get", set(PERSONAS), True),
        ("positioning tests", reverse("progress:positioning"), "get", set(PERSONAS), True),
        ("notifications", reverse("notifications:list"), "get", set(PERSONAS), True),
        (  # the learner and who may see their work
            "a discussion on work",
            reverse("conversations:thread", args=[w["learner"].pk, "submission", w["work"].pk]),
            "get",
            {"trainee", "trainer", "coordinator"},
            True,
        ),
        ("open a notification", reverse("notifications:open", args=[w["notification"].pk]), "post", {"trainee"}, True),
        ("mark notifications read", reverse("notifications:read_all"), "post", set(PERSONAS), True),
        ("due dates", reverse("exercises:calendar"), "get", set(PERSONAS), True),
        ("a calendar address", reverse("exercises:calendar_renew"), "post", set(PERSONAS), True),
        ("a promo's due dates", reverse("exercises:cohort_deadlines", args=[c.pk]), "get", staff, True),
        ("remove a due date", reverse("exercises:deadline_delete", args=[w["deadline"].pk]), "post", staff, True),
        ("notifications by e-mail", reverse("notifications:preference"), "post", set(PERSONAS), True),
        # Attendance: a learner's own sheets; a group's sessions and sheets for its staff (tests/attendance).
        ("my attendance", reverse("attendance:mine"), "get", set(PERSONAS), True),
        *[
            (f"my month's attendance ({name})", reverse(name, args=[month]), "get", learners, True)
            for name in ("attendance:my_month", "attendance:my_month_pdf", "attendance:my_month_csv")
        ],
        ("plan sessions", reverse("attendance:cohort_sessions", args=[c.pk]), "get", staff, True),
        *[
            (f"a group's month ({name})", reverse(name, args=[c.pk, month]), "get", staff, True)
            for name in ("attendance:cohort_month", "attendance:cohort_month_pdf", "attendance:cohort_month_csv")
        ],
        *[
            (f"a learner's month ({name})", reverse(name, args=[c.pk, month, w["learner"].pk]), "get", staff, True)
            for name in ("attendance:learner_month", "attendance:learner_month_pdf", "attendance:learner_month_csv")
        ],
        ("a session", reverse("attendance:session", args=[session.pk]), "get", staff, True),
        ("who signed in", reverse("attendance:session_signed_in", args=[session.pk]), "get", staff, True),
        ("a session's code", reverse("attendance:session_code", args=[session.pk]), "post", staff, True),
        ("sign a session's list", reverse("attendance:session_sign", args=[session.pk]), "post", staff, True),
        ("change a session", reverse("attendance:session_edit", args=[session.pk]), "post", staff, True),
        ("delete a session", reverse("attendance:session_delete", args=[session.pk]), "post", staff, True),
        (
            "my positioning tests",
            reverse("progress:positioning_authoring"),
            "get",
            {"trainer", "other_trainer", "mediator", "coordinator"},
            True,
        ),
        (
            "write a positioning test",
            reverse("progress:positioning_create"),
            "get",
            {"trainer", "other_trainer", "mediator", "coordinator"},
            True,
        ),
        ("web lesson", lesson.get_absolute_url(), "get", {"trainee", "trainer", "coordinator"}, True),
        (
            "web lesson notebook",
            reverse("courses:lesson_notebook", args=[web.slug, lesson.pk]),
            "get",
            {"trainee", "trainer", "coordinator"},
            True,
        ),
        (
            "web lesson picture",
            reverse("courses:lesson_notebook_image", args=[web.slug, lesson.pk, 0]),
            "get",
            {"trainee", "trainer", "coordinator"},
            True,
        ),
        ("draft lesson", w["draft"].get_absolute_url(), "get", {"trainer", "coordinator"}, True),
        (
            "mark done",
            reverse("courses:lesson_complete", args=[web.slug, lesson.pk]),
            "post",
            {"trainee", "trainer", "coordinator"},
            True,
        ),
        ("enrol in web course", reverse("courses:enrol", args=[web.slug]), "post", set(PERSONAS), True),
        ("authoring", reverse("courses:authoring"), "get", staff | {"other_trainer"}, True),
        ("course edit", reverse("courses:course_edit", args=[web.slug]), "get", staff, True),
        ("course publish", reverse("courses:course_publish", args=[web.slug]), "post", staff, True),
        ("module edit", reverse("courses:module_edit", args=[web.slug, w["module"].pk]), "get", staff, True),
        ("lesson edit", reverse("courses:lesson_edit", args=[web.slug, w["module"].pk, lesson.pk]), "get", staff, True),
        ("lesson create", reverse("courses:lesson_create", args=[web.slug, w["module"].pk]), "get", staff, True),
        ("lesson publish", reverse("courses:lesson_publish", args=[web.slug, lesson.pk]), "post", staff, True),
        ("move lesson", reverse("courses:item_move", args=[web.slug, "lesson", lesson.pk]), "post", staff, True),
        ("course create", reverse("courses:course_create"), "get", staff | {"other_trainer"}, True),
        ("course import", reverse("courses:course_import"), "get", staff | {"other_trainer"}, True),
        ("course export", reverse("courses:course_export", args=[web.slug]), "get", staff, True),
        ("track create", reverse("courses:track_create"), "get", {"coordinator"}, True),
        ("cohort list", reverse("accounts:cohort_list"), "get", staff | {"other_trainer", "mediator"}, True),
        ("cohort create", reverse("accounts:cohort_create"), "get", staff | {"other_trainer", "mediator"}, True),
        ("cohort detail", reverse("accounts:cohort_detail", args=[c.pk]), "get", staff, True),
        ("bulk learners", reverse("accounts:learners_create", args=[c.pk]), "get", staff, True),
        ("login cards", reverse("accounts:login_cards", args=[c.pk]), "post", staff, True),
        ("cards just printed", reverse("accounts:card_batch", args=[c.pk, "0" * 32]), "get", staff, True),
        (
            "remove from the promo (asked)",
            reverse("accounts:learner_remove", args=[c.pk, w["learner"].pk]),
            "get",
            staff,
            True,
        ),
        ("cohort course", reverse("accounts:cohort_course", args=[c.pk]), "post", staff, True),
        ("my data", reverse("accounts:my_data"), "get", set(PERSONAS), True),
        ("my account", reverse("accounts:my_account"), "get", set(PERSONAS), True),
        ("my recovery code", reverse("accounts:recovery_code"), "get", set(PERSONAS), True),
        ("change my password", reverse("accounts:password_change"), "get", set(PERSONAS), True),
        (
            "correct a learner's name",
            reverse("accounts:learner_rename", args=[c.pk, w["learner"].pk]),
            "get",
            staff,
            True,
        ),
        ("my data download", reverse("accounts:my_data_download"), "get", set(PERSONAS), True),
        ("deletion requests", reverse("accounts:deletion_requests"), "get", {"coordinator"}, True),
        ("my path", reverse("progress:my_path"), "get", set(PERSONAS), True),
        ("my achievements", reverse("progress:achievements"), "get", set(PERSONAS), True),
        ("people I accompany", reverse("progress:accompaniment"), "get", {"mediator"}, True),
        ("indicators", reverse("progress:indicators"), "get", {"coordinator"}, True),
        ("indicators csv", reverse("progress:indicators_export"), "get", {"coordinator"}, True),
        ("cohort competences", reverse("progress:cohort_dashboard", args=[c.pk]), "get", staff, True),
        ("cohort competences csv", reverse("progress:cohort_export", args=[c.pk]), "get", staff, True),
        (
            "a learner's competences",
            reverse("progress:learner_detail", args=[c.pk, w["learner"].pk]),
            "get",
            staff,
            True,
        ),
        ("a learner's livret", reverse("progress:learner_booklet", args=[c.pk, w["learner"].pk]), "get", staff, True),
        (
            "decide on a competence",
            reverse("progress:competence_decide", args=[c.pk, w["learner"].pk, w["competence"].pk]),
            "post",
            staff,
            True,
        ),
        (
            "an observation's file",
            reverse("progress:evidence_file", args=[w["observation"].pk]),
            "get",
            staff | {"trainee"},
            True,
        ),
        ("share my achievements", reverse("progress:sharing"), "post", set(PERSONAS), True),
        (
            "resume a course (leads to the course page when not enrolled)",
            reverse("courses:resume", args=[web.slug]),
            "get",
            set(PERSONAS),
            True,
        ),
        ("new module", reverse("courses:module_create", args=[web.slug]), "get", staff, True),
        ("join a group", reverse("accounts:join"), "get", set(PERSONAS), True),
        ("questions after login", reverse("accounts:questions"), "get", set(PERSONAS), True),
        ("show a join code", reverse("accounts:cohort_join_code", args=[c.pk]), "post", staff, True),
        ("invite an existing account", reverse("accounts:cohort_invite", args=[c.pk]), "get", staff, True),
        # Exercises (the review's own matrix, merged here)
        (
            "exercise page",
            reverse("exercises:exercise_detail", args=[w["python"].pk]),
            "get",
            {"trainee", "trainer", "coordinator"},
            True,
        ),
        (
            "web page preview",
            reverse("exercises:exercise_preview", args=[w["web_page"].pk]),
            "post",
            {"trainee", "trainer", "coordinator"},
            True,
        ),
        (
            "exercise notebook",
            reverse("exercises:notebook_download", args=[w["notebook"].pk]),
            "get",
            {"trainee", "trainer", "coordinator"},
            True,
        ),
        (
            "exercise notebook and data",
            reverse("exercises:notebook_bundle", args=[w["notebook"].pk]),
            "get",
            {"trainee", "trainer", "coordinator"},
            True,
        ),
        (
            "a submission",
            reverse("exercises:submission_detail", args=[w["work"].pk]),
            "get",
            {"trainee", "trainer", "coordinator"},
            True,
        ),
        (
            "a submission's screenshot",
            reverse("exercises:screenshot", args=[w["work"].pk, 360]),
            "get",
            {"trainee", "trainer", "coordinator"},
            True,
        ),
        (
            "a submitted notebook",
            reverse("exercises:submission_notebook", args=[w["notebook_work"].pk]),
            "get",
            {"trainee", "trainer", "coordinator"},
            True,
        ),
        (
            "a submitted notebook's picture",
            reverse("exercises:notebook_image", args=[w["notebook_work"].pk, 0]),
            "get",
            {"trainee", "trainer", "coordinator"},
            True,
        ),
        ("review list", reverse("exercises:review_list"), "get", staff | {"other_trainer", "mediator"}, True),
        ("override a score", reverse("exercises:review_override", args=[w["work"].pk]), "post", staff, True),
        ("comment a line", reverse("exercises:review_comment", args=[w["work"].pk]), "post", staff, True),
        (
            "grade written answers",
            reverse("exercises:review_manual", args=[w["notebook_work"].pk]),
            "post",
            staff,
            True,
        ),
        ("regrade a submission", reverse("exercises:review_regrade", args=[w["work"].pk]), "post", staff, True),
        *(
            (label, reverse(f"exercises:simulation_{name}", args=[w["simulation"].pk, *args]), method, doers, True)
            for label, name, args, method in (
                ("a simulation", "home", [], "get"),
                ("a simulation's message", "message", ["diallo"], "get"),
                ("a simulation's link", "link", ["colis", 0], "get"),
                ("a simulation's button", "act", [], "post"),
                ("writing in a simulation", "write", [], "get"),
                ("a simulation from its start", "restart", [], "post"),
            )
        ),
        *(
            (label, reverse(f"exercises:simulation_{name}", args=[w["booking"].pk, *args]) + query, "get", doers, True)
            for label, name, args, query in (
                ("a practitioner in a simulation", "practitioner", ["dr-martin"], ""),
                ("a slot to confirm in a simulation", "confirm", ["dr-martin"], "?creneau=mardi 9 décembre, 10 h 15"),
                ("appointments in a simulation", "appointments", [], ""),
            )
        ),
        *(
            (label, reverse(f"exercises:simulation_{name}", args=[w["shop"].pk, *args]), "get", doers, True)
            for label, name, args in (
                ("a shop in a simulation", "site", ["mega-promo"]),
                ("a shop's payment page in a simulation", "checkout", ["mega-promo"]),
                ("the cart in a simulation", "cart", []),
            )
        ),
        *(
            (label, reverse(f"exercises:simulation_{name}", args=[w[exercise].pk, *args]), "get", doers, True)
            for label, exercise, name, args in (
                ("an identity provider in a simulation", "procedure", "provider", []),
                ("a form's step in a simulation", "procedure", "form", ["vous"]),
                ("a procedure's summary in a simulation", "procedure", "summary", []),
                ("creating an account in a simulation", "account", "account", []),
            )
        ),
        (
            "simulations to follow live",
            reverse("exercises:simulation_accompany"),
            "get",
            {"trainer", "other_trainer", "mediator"},
            True,
        ),
        (  # only who trains or runs a group of the learner; the learner is then asked
            "ask to follow a simulation",
            reverse("exercises:simulation_accompany_ask", args=[w["simulation"].pk, w["learner"].pk]),
            "post",
            {"trainer"},
            True,
        ),
        (  # after the row above: the trainer's own request (not agreed to yet: no steps shown)
            "follow a simulation",
            reverse("exercises:simulation_follow", args=[w["simulation"].pk, w["learner"].pk]),
            "get",
            {"trainer"},
            True,
        ),
        (  # the group's trainers or mediators, and coordinators (a simulation course of its own)
            "a group's simulations",
            reverse("exercises:group_simulations", args=[c.pk]),
            "get",
            {"trainer", "coordinator"},
            True,
        ),
        ("regrade an exercise", reverse("exercises:exercise_regrade", args=[w["python"].pk]), "post", staff, True),
        ("new exercise", reverse("exercises:exercise_create", args=[web.slug, w["module"].pk]), "get", staff, True),
        ("edit an exercise", reverse("exercises:exercise_edit", args=[w["python"].pk]), "get", staff, True),
        ("publish an exercise", reverse("exercises:exercise_publish", args=[w["python"].pk]), "post", staff, True),
    ]


# Named URLs the matrix above does not hold, and where their access is tested instead.
ELSEWHERE = {
    "exercises:calendar_feed": "public by its private token (tests/exercises/test_deadlines.py)",
    "notifications:bell": "any signed-in person's own count; 204 signed out (tests/notifications)",
    "progress:positioning_edit": "its author and coordinators (tests/progress/test_positioning.py)",
    "progress:positioning_take": "any signed-in person, a test imported (tests/progress/test_positioning.py)",
    "progress:placement": "its person, and who may see their work (tests/progress/test_positioning.py)",
    "exercises:simulation_accompany_answer": "the learner's answer (tests/kinds/test_simulation.py, following live)",
    "exercises:simulation_receipt": "a receipt exists once sent (tests/kinds/test_simulation.py, access test)",
    "home": "public (test_home)",
    "health": "public, counts only (tests/exercises/test_operations.py)",
    "health_page": "coordinators only (tests/exercises/test_operations.py)",
    "metrics": "loopback or the METRICS_TOKEN (tests/exercises/test_operations.py)",
    "set_language": "public, Django's own view",
    "accounts:login": "public",
    "accounts:logout": "POST only, any session",
    "accounts:signup": "public (test_signup)",
    "accounts:login_link": "public, token (tests/accounts/test_login_cards.py)",
    "accounts:password_forgotten": "public (tests/accounts/test_account_recovery.py)",
    "accounts:password_reset": "public",
    "accounts:password_reset_done": "public",
    "accounts:password_reset_confirm": "public, token",
    "accounts:password_reset_complete": "public",
    "accounts:password_change_done": "any signed-in person",
    "accounts:login_links_revoke": "test_another_cohorts_trainer_cannot_manage_its_learners",
    "accounts:deletion_request_process": "tests/accounts/test_personal_data.py (coordinators only)",
    "courses:lesson_detail": "the « web lesson » and « draft lesson » rows",
    "courses:course_detail": "the « course page » row",
    "courses:image_upload": "tests/courses/test_lesson_images.py (authors only)",
    "courses:lesson_image": "tests/test_stored_files.py (private lesson images)",
    "courses:course_import_detail": "tests/courses/test_package_import.py (sender and coordinators only)",
    "attestation_verify": "public by token (tests/progress/test_attestations.py)",
    "attestation_download": "public by token",
    "badge_assertion": "public by token",
    "badge_issuer": "public",
    "badge_class": "public",
    "badge_image": "public",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_view_allows_exactly_its_roles(client, world, persona, request):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    failures = []
    for name, url, method, allowed, _login in views(world):
        data = POST_DATA.get(name, {"course": world["web"].pk, "direction": "up"}) if method == "post" else None
        response = getattr(client, method)(url, data)
        expected = (OK_POST if method == "post" else OK) if persona in allowed else DENIED
        if response.status_code not in expected:
            failures.append(
                f"{name} {method.upper()} {url}: {response.status_code}, expected one of {sorted(expected)}"
            )
    assert not failures, "\n".join(failures)


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}".strip(":")


def test_every_named_url_is_in_the_matrix_or_says_where_it_is_tested(world):
    """A new view cannot be added without its row: the matrix (or ELSEWHERE) names every URL but the admin's."""
    names = {name for name in _url_names(get_resolver().url_patterns) if not name.startswith("admin:")}
    in_matrix = {resolve(url.split("?")[0]).view_name for _name, url, *_rest in views(world)}
    missing = sorted(names - in_matrix - set(ELSEWHERE))
    assert not missing, f"URLs with no row in the access matrix: {missing}"
    assert not set(ELSEWHERE) - names, "ELSEWHERE names URLs that no longer exist"


def test_anonymous_visitors_are_sent_to_login(client, world):
    for name, url, method, _allowed, login_required in views(world):
        response = getattr(client, method)(url)
        if login_required:
            assert response.status_code == 302, name
            assert response.url.startswith(reverse("accounts:login")), name
        else:
            assert response.status_code == 200, name


def test_learners_of_another_cohort_cannot_read_its_lessons(client, world, other_trainee):
    client.force_login(other_trainee)
    assert client.get(world["web_lesson"].get_absolute_url()).status_code == 403


def test_another_cohorts_trainer_cannot_manage_its_learners(client, world, other_trainer, trainee):
    client.force_login(other_trainer)
    url = reverse("accounts:login_links_revoke", args=[world["cohort"].pk, trainee.pk])
    assert client.post(url).status_code == 404
    assert (
        client.post(reverse("accounts:login_cards", args=[world["cohort"].pk]), {"learner": trainee.pk}).status_code
        == 404
    )
    assert client.post(reverse("accounts:learner_remove", args=[world["cohort"].pk, trainee.pk])).status_code == 404
    assert world["cohort"].learners.filter(pk=trainee.pk).exists()
