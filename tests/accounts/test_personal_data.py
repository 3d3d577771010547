"""RGPD: the export holds everything Tremplin keeps about a person, and deletion leaves nothing of it.

Completeness is checked against the database itself: every model that reaches a user through a
chain of foreign keys (third-party ones included) must appear in the export with exactly the rows
that reach this person, or be excluded below with a reason. A model added later without its
place in a provider makes this test fail.
"""

import io
import json
import zipfile
from datetime import date, time

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.db.models import ForeignKey, OneToOneField, Q
from django.test import Client
from django.urls import reverse

from accounts import services as accounts_services
from accounts.models import Role
from attendance import services as attendance_services
from courses import services as courses_services
from courses.models import Enrolment, Lesson
from exercises import services as exercises_services
from exercises.models import Exercise, RenderedNotebook, Screenshot, Submission, WorkInProgress
from progress import services as progress_services
from progress.frameworks import default_files, load_framework
from progress.models import Competence

from ..conftest import make_user

EXCLUDED = {
    # model label: why it is not in a person's export
    "courses.LessonImage_lessons": "which lessons show an image: course content; the image itself is exported "
    "(courses.LessonImage)",
    "progress.PositioningTest_cohorts": "which groups a positioning test is for: content; the tests a person "
    "wrote are exported (progress.PositioningTest)",
}
# Third-party models that keep a username instead of a foreign key.
BY_USERNAME = {"axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"}
HIDDEN_MESSAGE = "attendu 42, obtenu 41 (test caché)"


def paths_to_user(model, depth=3):
    """The lookups ('', 'learner', 'submission__learner'...) by which rows of `model` point to a user."""
    User = get_user_model()
    if model is User:
        return ["pk"]
    found = []

    def walk(current, prefix, level):
        for field in current._meta.concrete_fields:
            if not isinstance(field, ForeignKey | OneToOneField):
                continue
            target = field.related_model
            lookup = f"{prefix}{field.name}"
            if target is User:
                found.append(lookup)
            elif level < depth and target is not current:
                walk(target, lookup + "__", level + 1)

    walk(model, "", 1)
    return found


def rows_of(user):
    """{model label: set of pks} of every row that reaches the user (or keeps their username)."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if label in BY_USERNAME:
            rows[label] = set(model.objects.filter(username=user.username).values_list("pk", flat=True))
            continue
        paths = paths_to_user(model)
        if paths:
            query = Q()
            for path in paths:
                query |= Q(**{path: user.pk})
            rows[label] = set(model.objects.filter(query).values_list("pk", flat=True))
    return rows


@pytest.fixture
def busy_learner(db, school, trainer, cohort, web_course, basics_course, settings, django_capture_on_commit_callbacks):
    """A learner who used everything: courses, every kind of work, comments, observations, attestations, logins."""
    learner = make_user("zephyrine.busy", Role.TRAINEE, school, first_name="Zéphyrine", last_name="Quintal")
    cohort.learners.add(learner)
    qualification = next(q for q in (load_framework(p) for p in default_files()) if q.code == "RNCP37674")
    qualification.cohorts.add(cohort)
    qualification.learners.add(learner)
    competence = Competence.objects.filter(block__qualification=qualification).first()
    lesson = Lesson.objects.filter(module__course=basics_course).first()
    Enrolment.objects.create(user=learner, course=basics_course)
    courses_services.lesson_visit(user=learner, lesson=lesson, course=basics_course)
    courses_services.lesson_complete(user=learner, lesson=lesson)
    exercise = Exercise.objects.create(
        module=lesson.module, slug="page", title="Ma page", kind="html", status="published"
    )
    submission = Submission.objects.create(
        exercise=exercise,
        learner=learner,
        files={"index.html": "<h1>Zéphyrine</h1>"},
        status="failed",
        score=0.5,
        result={
            "status": "failed",
            "score": 0.5,
            "tests": [
                {"name": "titre", "status": "passed", "message": ""},
                {"name": "structure", "status": "failed", "message": HIDDEN_MESSAGE, "hidden": True},
            ],
        },
    )
    Screenshot.objects.create(submission=submission, width=360, image=b"\x89PNG\r\n\x1a\nfake")
    WorkInProgress.objects.create(exercise=exercise, learner=learner, steps=[{"do": "open", "message": "colis"}])
    RenderedNotebook.objects.create(submission=submission, html="<p>exécuté</p>")
    exercises_services.submission_comment_add(
        submission=submission, by=trainer, filename="index.html", line=1, text="Bon titre"
    )
    exercises_services.submission_override(submission=submission, by=trainer, score=0.8, comment="Je compte le titre")
    progress_services.observation_add(
        user=learner,
        competence=competence,
        by=trainer,
        note="Présente bien son travail",
        file=ContentFile(b"notes de seance", name="seance.txt"),
    )
    progress_services.competence_validate(user=learner, competence=competence, by=trainer, comment="Vu en séance")
    progress_services.attestation_issue(user=learner, course=basics_course)
    accounts_services.deletion_request_create(user=learner, reason="Je déménage")
    session = attendance_services.session_create(
        cohort=cohort, by=trainer, date=date(2026, 12, 7), half_day="matin", starts_at=time(9), ends_at=time(12)
    )[0][0]
    attendance_services.presence_sign(user=learner, code=attendance_services.code_open(session=session))
    learner.groups.add(Group.objects.create(name="Délégués"))
    learner.user_permissions.add(Permission.objects.first())
    LogEntry.objects.create(
        user=learner,
        content_type=ContentType.objects.get_for_model(Group),
        object_id="1",
        object_repr="Délégués",
        action_flag=ADDITION,
    )
    login = Client()
    assert (
        login.post(reverse("accounts:login"), {"username": learner.username, "password": "motdepasse-test"}).status_code
        == 302
    )
    Client().post(reverse("accounts:login"), {"username": learner.username, "password": "faux"})  # a failed attempt
    accounts_services.login_card_issue(learner=learner, by=trainer)
    return learner


def exported(client, user):
    client.force_login(user)
    response = client.get(reverse("accounts:my_data_download"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return archive, json.loads(archive.read("donnees.json"))


def test_the_export_holds_every_row_that_reaches_the_person(client, busy_learner):
    archive, index = exported(client, busy_learner)
    expected = rows_of(busy_learner)
    by_model = {s["model"]: {r["id"] for r in s["records"]} for s in index["sections"]}
    missing = sorted(label for label in expected if label not in by_model and label not in EXCLUDED)
    assert not missing, f"models that reach a user but no provider exports: {missing}"
    for label, pks in expected.items():
        if label in EXCLUDED:
            continue
        assert by_model[label] == pks, label
    # The learner's own data is really there, not only counted.
    for label in (
        "exercises.Submission",
        "exercises.SubmissionComment",
        "exercises.Screenshot",
        "exercises.WorkInProgress",
        "progress.Evidence",
        "progress.CompetenceProgress",
        "progress.ProgressEvent",
        "progress.Attestation",
        "courses.Enrolment",
        "courses.LessonCompletion",
        "attendance.Presence",
        "accounts.LoginLink",
        "axes.AccessLog",
        "axes.AccessAttempt",
    ):
        assert expected[label], f"the busy learner has no {label}: the fixture must exercise it"


def test_the_export_is_a_readable_zip_with_the_files_and_no_hidden_test_detail(client, busy_learner):
    archive, index = exported(client, busy_learner)
    names = archive.namelist()
    assert "LISEZMOI.txt" in names and "Vos données sur Tremplin" in archive.read("LISEZMOI.txt").decode()
    submission = Submission.objects.get(learner=busy_learner)
    assert archive.read(f"fichiers/soumissions/{submission.pk}/index.html") == "<h1>Zéphyrine</h1>".encode()
    assert archive.read(f"fichiers/soumissions/{submission.pk}/page-360.png").startswith(b"\x89PNG")
    observation = next(n for n in names if n.startswith("fichiers/observations/"))
    assert archive.read(observation) == b"notes de seance"
    text = json.dumps(index, ensure_ascii=False)
    assert "Je compte le titre" in text and "Bon titre" in text and "Vu en séance" in text
    assert HIDDEN_MESSAGE not in text
    assert all(path in names for section in index["sections"] for path in section["files"])


def test_deleting_the_person_leaves_nothing_of_them(
    busy_learner, coordinator, settings, django_capture_on_commit_callbacks
):
    before = rows_of(busy_learner)
    request = busy_learner.deletion_requests.get()
    with django_capture_on_commit_callbacks(execute=True):
        accounts_services.deletion_request_process(request=request, by=coordinator, accept=True)
    for label, pks in before.items():
        model = apps.get_model(label)
        remaining = set(model.objects.filter(pk__in=pks).values_list("pk", flat=True))
        if label == "accounts.DeletionRequest":  # the record that a deletion was made, without the name or reason
            assert model.objects.filter(pk__in=remaining, user=None, username="", reason="").count() == len(remaining)
            continue
        assert not remaining, label
    everything = serializers.serialize("json", [obj for model in apps.get_models() for obj in model.objects.all()])
    for trace in ("zephyrine", "Zéphyrine", "Quintal", "Je déménage", "notes de seance"):
        assert trace not in everything, trace
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == []
