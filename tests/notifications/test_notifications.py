"""Notifications: what happened reaches the person's bell (one query per page), grouped while unread,
each opening the thing; by e-mail only for those who asked and have an address."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Role
from exercises import services as exercises_services
from exercises.models import Submission
from notifications import services
from notifications.models import Notification, Preference
from notifications.tasks import purge_notifications, send_daily_digests
from tests.conftest import make_user
from tests.exercises.conftest import eager, load_exercise, module  # noqa: F401 - fixtures

CODE = "def moyenne(notes):\n    return 0\n"


def page(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def bell(client, path="/comptes/tableau-de-bord/"):
    return page(client.get(path)).select_one(".bell")


@pytest.fixture
def python_exercise(module):  # noqa: F811
    return load_exercise(module, "moyenne")


@pytest.fixture
def submission(python_exercise, trainee, cohort):
    python_exercise.module.course.cohorts.add(cohort)
    return Submission.objects.create(
        exercise=python_exercise, learner=trainee, files={"notes.py": CODE}, attempt=1, status="failed", score=0.5
    )


def test_a_trainers_comments_reach_the_learners_bell_grouped_and_open_the_work(client, trainer, trainee, submission):
    client.force_login(trainee)
    assert bell(client).select_one(".bell-count") is None
    assert bell(client).select_one("img")["alt"] == "Notifications"
    client.force_login(trainer)
    url = reverse("exercises:review_comment", args=[submission.pk])
    client.post(url, {"filename": "notes.py", "line": 2, "text": "Et si la liste est vide ?"})
    client.post(url, {"filename": "notes.py", "line": 1, "text": "Un nom plus clair ?"})
    assert bell(client).select_one(".bell-count") is None  # the trainer is not told of their own comments

    client.force_login(trainee)
    counter = bell(client, "/cours/")  # on every page
    assert counter.select_one(".bell-count").get_text() == "1"
    assert counter.get_text() == " 1 non lue"  # read out « Notifications 1 non lue »: the picture's text first
    listing = page(client.get(reverse("notifications:list")))
    (item,) = listing.select(".notification-unread")
    assert f"{trainer.display_name} a laissé 2 commentaires sur votre travail « {submission.exercise.title} »." in (
        item.get_text()
    )
    assert listing.select_one("h2").get_text() == "Aujourd’hui"
    opened = client.post(item.select_one("form")["action"])
    assert opened.status_code == 302 and opened.url == f"/exercices/soumissions/{submission.pk}/"
    assert client.get(opened.url, follow=True).status_code == 200
    assert bell(client).select_one(".bell-count") is None
    assert not page(client.get(reverse("notifications:list"))).select(".notification-unread")

    client.post(url.replace("commentaires", "x"))  # nothing
    client.force_login(trainer)
    client.post(url, {"filename": "notes.py", "line": 2, "text": "Bravo pour la correction."})
    client.force_login(trainee)
    assert trainee.notifications.count() == 2  # once read, a new comment is a new line


def test_a_notification_is_its_recipients_only(client, trainee, other_trainee, submission, trainer):
    exercises_services.submission_comment_add(submission=submission, by=trainer, filename="notes.py", line=1, text="x")
    notification = trainee.notifications.get()
    client.force_login(other_trainee)
    assert client.post(reverse("notifications:open", args=[notification.pk])).status_code == 404
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 405
    assert "Et si" not in client.get(reverse("notifications:list")).content.decode()
    client.post(reverse("notifications:read_all"))
    notification.refresh_from_db()
    assert notification.read_at is None
    client.logout()
    assert client.get(reverse("notifications:list")).status_code == 302
    assert client.get(reverse("notifications:bell")).status_code == 204  # signed out: nothing swapped in


def test_a_score_set_by_the_trainer_is_told_with_its_value(client, trainer, trainee, submission):
    client.force_login(trainer)
    client.post(reverse("exercises:review_override", args=[submission.pk]), {"score": 80, "comment": "Bien."})
    notification = trainee.notifications.get()
    assert notification.text == f"{trainer.display_name} a fixé votre note de « {submission.exercise.title} » à 80 %."
    with translation.override("en"):
        assert (
            notification.text == f"{trainer.display_name} set your score for « {submission.exercise.title} » to 80 %."
        )


def test_counted_work_reaches_the_trainers_one_line_per_exercise(
    trainer,
    other_trainer,
    mediator,
    trainee,
    other_trainee,
    cohort,
    python_exercise,
    eager,  # noqa: F811
):
    cohort.learners.add(other_trainee)
    cohort.trainers.add(mediator)  # a mediator hears only of those who agreed to share
    for learner in (trainee, other_trainee, trainee):
        submission = exercises_services.submission_create(
            exercise=python_exercise, learner=learner, mode="submit", files={"notes.py": CODE}
        )
        exercises_services.submission_grade(submission_id=submission.pk, worker="test")
    check = exercises_services.submission_create(
        exercise=python_exercise, learner=trainee, mode="check", files={"notes.py": CODE}
    )
    exercises_services.submission_grade(submission_id=check.pk, worker="test")  # a check is not news
    (told,) = trainer.notifications.all()
    assert told.kind == "submitted" and told.count == 3
    assert told.text == f"3 nouvelles soumissions pour « {python_exercise.title} »."
    assert told.url == f"/exercices/suivi/?exercise={python_exercise.pk}"
    assert not other_trainer.notifications.exists() and not mediator.notifications.exists()
    assert not trainee.notifications.exists()


def test_validations_and_their_withdrawal_are_told_to_the_learner(client, trainer, trainee, cohort, dwwm):
    from progress import services as progress_services
    from progress.models import Competence

    competence = Competence.objects.filter(block__qualification__code="RNCP37674").first()
    progress_services.competence_validate(user=trainee, competence=competence, by=trainer, comment="Vu en atelier")
    progress_services.competence_invalidate(user=trainee, competence=competence, by=trainer, reason="Erreur")
    invalidated, validated = trainee.notifications.all()
    assert validated.text == f"{trainer.display_name} a validé la compétence « {competence.code} {competence.title} »."
    assert invalidated.kind == "invalidated" and invalidated.url == f"/parcours/#competence-{competence.pk}"
    client.force_login(trainee)
    assert f'id="competence-{competence.pk}"' in client.get(reverse("progress:my_path")).content.decode()


def test_an_attestation_and_a_deletion_request_are_told(resident, coordinator, basics_course):
    from accounts import services as accounts_services
    from progress import services as progress_services

    progress_services.attestation_issue(user=resident, course=basics_course)
    progress_services.attestation_issue(user=resident, course=basics_course)  # already issued: no news
    (issued,) = resident.notifications.all()
    assert issued.text == f"Votre attestation du cours « {basics_course.title} » est délivrée."
    other = make_user("autre", Role.RESIDENT)
    accounts_services.deletion_request_create(user=resident, reason="")
    accounts_services.deletion_request_create(user=resident, reason="")  # the same request
    accounts_services.deletion_request_create(user=other, reason="")
    (waiting,) = coordinator.notifications.all()
    assert waiting.count == 2 and waiting.text == "2 demandes de suppression de compte attendent."
    assert waiting.url == reverse("accounts:deletion_requests")


def test_trainers_hear_weekly_how_many_learners_are_at_risk(trainer, mediator, trainee, other_trainee, cohort, dwwm):
    from progress import services as progress_services

    cohort.learners.add(other_trainee)
    cohort.trainers.add(mediator)
    assert progress_services.at_risk_notify() == 1  # both inactive; the mediator sees no one (no sharing)
    (told,) = trainer.notifications.all()
    assert told.text == f"2 apprenants en difficulté dans « {cohort.name} »."
    assert told.url == f"/parcours/promos/{cohort.pk}/?risque=1"
    cohort.learners.remove(other_trainee)
    progress_services.at_risk_notify()
    told.refresh_from_db()
    assert told.count == 1 and trainer.notifications.count() == 1  # replaced while unread, not added
    cohort.end_date = timezone.localdate() - timedelta(days=1)
    cohort.save()
    trainer.notifications.update(read_at=timezone.now())
    assert progress_services.at_risk_notify() == 0  # a promo that ended


@pytest.fixture
def frameworks(db):
    from django.core.management import call_command

    call_command("load_framework", verbosity=0)


@pytest.fixture
def dwwm(frameworks, cohort):
    from progress.models import Qualification

    qualification = Qualification.objects.get(code="RNCP37674")
    qualification.cohorts.add(cohort)
    return qualification


def test_the_bell_costs_one_query_whatever_the_count(client, trainee, trainer, django_assert_num_queries):
    client.force_login(trainee)
    client.get("/comptes/tableau-de-bord/")
    with django_assert_num_queries(3):  # session, user, the count
        assert client.get(reverse("notifications:bell")).status_code == 200
    for n in range(40):
        services.notify(recipients=[trainee], kind=Notification.Kind.COMMENT, url="/", title=f"t{n}", actor=trainer)
    with django_assert_num_queries(3):
        fragment = client.get(reverse("notifications:bell")).content.decode()
    assert '<span class="bell-count">40</span>' in fragment and 'hx-trigger="every 60s"' in fragment


def test_the_list_marks_everything_read_and_filters_unread(client, trainee, trainer):
    for n in range(3):
        services.notify(recipients=[trainee], kind=Notification.Kind.VALIDATED, url="/", title=f"C{n}", actor=trainer)
    old = trainee.notifications.first()
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    client.force_login(trainee)
    listing = page(client.get(reverse("notifications:list")))
    assert [h.get_text() for h in listing.select("main h2")][:2] == ["Aujourd’hui", "Plus tôt"]
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "Toutes vos notifications sont marquées comme lues." in response.content.decode()
    assert page(client.get(reverse("notifications:list") + "?non-lues=1")).select(".notification") == []
    assert "Aucune notification non lue." in client.get(reverse("notifications:list") + "?non-lues=1").content.decode()


def test_email_needs_an_address_and_goes_once(client, trainee, trainer, settings):
    settings.SITE_URL = "https://tremplin.example"
    client.force_login(trainee)
    refused = client.post(reverse("notifications:preference"), {"email": "immediate"})
    assert refused.status_code == 400 and "pas d’adresse électronique" in refused.content.decode()
    trainee.email = "yanis@example.org"
    trainee.save()
    assert client.post(reverse("notifications:preference"), {"email": "bogus"}).status_code == 400
    assert client.post(reverse("notifications:preference"), {"email": "immediate"}).status_code == 302
    assert services.preference_of(trainee) == "immediate"
    services.notify(
        recipients=[trainee], kind=Notification.Kind.VALIDATED, url="/parcours/", title="CP1", actor=trainer
    )
    assert services.emails_send(user_id=trainee.pk) == 1
    (message,) = mail.outbox
    assert message.to == ["yanis@example.org"] and message.subject == "Tremplin : une nouvelle notification"
    assert f"{trainer.display_name} a validé la compétence « CP1 »." in message.body
    assert "https://tremplin.example/parcours/" in message.body
    assert services.emails_send(user_id=trainee.pk) == 0  # sent once
    assert len(mail.outbox) == 1


def test_immediate_email_is_queued_after_the_action_and_the_digest_is_daily(
    trainee,
    resident,
    trainer,
    eager,
    django_capture_on_commit_callbacks,  # noqa: F811
):
    for person, choice in ((trainee, "immediate"), (resident, "daily")):
        person.email = f"{person.username}@example.org"
        person.save()
        services.preference_set(user=person, email=choice)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[trainee, resident], kind=Notification.Kind.ATTESTATION, url="/", title="Courriel")
    assert [m.to for m in mail.outbox] == [[trainee.email]]  # the daily one waits for the morning
    assert send_daily_digests() == 1
    assert [m.to for m in mail.outbox][-1] == [resident.email] and len(mail.outbox) == 2
    assert send_daily_digests() == 0


def test_without_an_address_the_choice_falls_back_to_the_bell(resident):
    assert services.preference_set(user=resident, email="daily") == Preference.Email.NEVER


def test_old_notifications_are_purged(trainee):
    services.notify(recipients=[trainee], kind=Notification.Kind.ATTESTATION, url="/", title="A")
    services.notify(recipients=[trainee], kind=Notification.Kind.ATTESTATION, url="/", title="B")
    first, second = trainee.notifications.order_by("pk")
    Notification.objects.filter(pk=first.pk).update(read_at=timezone.now() - timedelta(days=200))
    Notification.objects.filter(pk=second.pk).update(created_at=timezone.now() - timedelta(days=200))
    assert purge_notifications() == 1
    assert list(trainee.notifications.all()) == [second]  # unread, kept a year


def test_the_notifications_are_in_the_persons_data_export(trainee, trainer):
    from accounts.personal_data import export_zip

    services.notify(recipients=[trainee], kind=Notification.Kind.VALIDATED, url="/", title="CP1", actor=trainer)
    services.preference_set(user=trainee, email="never")
    data = json.loads(zipfile.ZipFile(io.BytesIO(export_zip(trainee))).read("donnees.json"))
    sections = {s["key"]: s["records"] for s in data["sections"]}
    assert sections["notifications_par_courriel"][0]["email"] == "never"
    assert sections["notifications"][0]["text"] == f"{trainer.display_name} a validé la compétence « CP1 »."
