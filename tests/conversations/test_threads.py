"""Discussions on work: a thread per submission (with the line comments in it), per exercise (« Demander
de l'aide ») and per competence, between the learner and those who may see their work; each message
tells the other side through the bell; sanitised; nobody else reads or writes."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from accounts.models import Role
from conversations.models import Message
from exercises import services as exercises_services
from exercises.models import Submission
from tests.conftest import make_user
from tests.exercises.conftest import load_exercise, module  # noqa: F401 - fixtures

CODE = "def moyenne(notes):\n    return 0\n"


def page(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def thread_url(learner, name, pk):
    return reverse("conversations:thread", args=[learner.pk, name, pk])


@pytest.fixture
def exercise(module, cohort):  # noqa: F811
    exercise = load_exercise(module, "moyenne")
    module.course.cohorts.add(cohort)
    return exercise


@pytest.fixture
def submission(exercise, trainee):
    return Submission.objects.create(
        exercise=exercise, learner=trainee, files={"notes.py": CODE}, attempt=1, status="failed", score=0.5
    )


def test_a_trainer_comments_the_learner_replies_and_the_trainer_is_told(client, trainer, trainee, submission):
    exercises_services.submission_comment_add(
        submission=submission, by=trainer, filename="notes.py", line=2, text="Et si la liste est vide ?"
    )
    client.force_login(trainer)
    review = page(client.get(reverse("exercises:submission_detail", args=[submission.pk])))
    url = review.find("a", string=f"Discussion avec {trainee.display_name} sur cet essai")["href"]
    assert url == thread_url(trainee, "submission", submission.pk)
    client.post(url, {"text": "Regardez le **cas vide** : `moyenne([])`."})

    client.force_login(trainee)
    notification = trainee.notifications.get(kind="message")
    assert notification.url == url
    assert notification.text == f"{trainer.display_name} a écrit dans la discussion « Calculer une moyenne, essai 1 »."
    thread = page(client.get(url))
    entries = thread.select(".thread-entry")
    assert "commentaire sur notes.py, ligne 2" in entries[0].get_text()  # the line comment, in the thread
    assert entries[1].select_one(".thread-body strong").get_text() == "cas vide"
    assert entries[1].select_one(".thread-body code").get_text() == "moyenne([])"
    response = client.post(url, {"text": "Merci, je retourne 0 quand la liste est vide."})
    assert response.status_code == 302 and response.url == url + "#discussion"
    told = trainer.notifications.get(kind="message")
    assert told.text == f"{trainee.display_name} a écrit dans la discussion « Calculer une moyenne, essai 1 »."


def test_asking_for_help_from_the_exercise_page_tells_the_trainers_of_the_promo(
    client, trainee, trainer, other_trainer, exercise
):
    client.force_login(trainee)
    exercise_page = page(client.get(exercise.get_absolute_url()))
    link = exercise_page.find("a", string="Demander de l’aide à vos formateurs")["href"]
    assert link == thread_url(trainee, "exercise", exercise.pk)
    form = page(client.get(link))
    assert form.select_one("h1").get_text() == "Demander de l’aide"
    empty = client.post(link, {"text": "   "})
    assert empty.status_code == 400 and "Écrivez votre message." in empty.content.decode()
    assert client.post(link, {"text": "x" * 5001}).status_code == 400
    response = client.post(link, {"text": "Je ne comprends pas la consigne.", "asks_for_help": "0"}, follow=True)
    assert "Votre demande est envoyée à vos formateurs." in response.content.decode()
    (message,) = Message.objects.all()
    assert message.asks_for_help and message.subject == f"exercise:{exercise.pk}"
    help_request = trainer.notifications.get()
    assert help_request.kind == "help"
    assert help_request.text == f"{trainee.display_name} demande de l’aide pour « {exercise.title} »."
    assert not other_trainer.notifications.exists()


def test_a_thread_is_for_the_learner_and_those_who_may_see_their_work(
    client, trainee, other_trainee, other_trainer, mediator, resident, coordinator, submission, exercise
):
    url = thread_url(trainee, "submission", submission.pk)
    for outsider in (other_trainee, other_trainer, resident):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"text": "intrus"}).status_code == 404
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.force_login(trainee)
    assert client.get(thread_url(other_trainee, "submission", submission.pk)).status_code == 404  # not theirs
    assert client.get(thread_url(trainee, "nothing", submission.pk)).status_code == 404
    assert client.get(thread_url(trainee, "submission", 999999)).status_code == 404
    assert client.get(thread_url(trainee, "competence", 999999)).status_code == 404
    outside = load_exercise(submission.exercise.module, "livres-recents")
    outside.module.course.cohorts.clear()  # an exercise the resident is not enrolled in
    client.force_login(resident)
    assert client.get(thread_url(resident, "exercise", outside.pk)).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert not Message.objects.exists()


def test_a_mediator_joins_only_with_the_residents_agreement(client, mediator, resident, mediation_site, exercise):
    from accounts.models import Cohort

    group = Cohort.objects.create(name="Atelier", site=mediation_site, kind="atelier")
    group.trainers.add(mediator)
    group.learners.add(resident)
    exercise.module.course.cohorts.add(group)
    url = thread_url(resident, "exercise", exercise.pk)
    client.force_login(resident)
    assert "Demander de l’aide" not in client.get(exercise.get_absolute_url()).content.decode()  # nobody to ask
    client.force_login(mediator)
    assert client.get(url).status_code == 404
    resident.shares_progress = True
    resident.save()
    client.force_login(resident)
    assert "Demander de l’aide" in client.get(exercise.get_absolute_url()).content.decode()
    client.post(url, {"text": "Pouvez-vous m'aider ?"})
    assert mediator.notifications.get().kind == "help"
    client.force_login(mediator)
    assert client.get(url).status_code == 200


def test_messages_are_sanitised(client, trainee, exercise):
    client.force_login(trainee)
    url = thread_url(trainee, "exercise", exercise.pk)
    client.post(url, {"text": "<script>alert(1)</script> [lien](javascript:alert(1)) <img src=x onerror=alert(1)>"})
    body = page(client.get(url)).select_one(".thread-body")
    assert body.select("script, img, a") == []  # shown as the text typed, never as markup or a link
    assert "<script>alert(1)</script>" in body.get_text()


def test_a_competence_thread_links_both_pages(client, trainer, trainee, cohort, dwwm):
    from progress.models import Competence

    competence = Competence.objects.filter(block__qualification=dwwm).first()
    client.force_login(trainee)
    my_path = page(client.get(reverse("progress:my_path")))
    url = thread_url(trainee, "competence", competence.pk)
    assert my_path.select_one(f"#competence-{competence.pk} a[href='{url}']") is not None
    client.post(url, {"text": "Comment prouver cette compétence ?"})
    client.force_login(trainer)
    assert trainer.notifications.get().url == url
    thread = page(client.get(url))
    back = thread.select_one(".breadcrumb a")["href"]
    assert back == f"/parcours/promos/{cohort.pk}/apprenants/{trainee.pk}/#competence-{competence.pk}"
    detail = page(client.get(back.split("#")[0]))
    assert detail.select_one(f"#competence-{competence.pk} a[href='{url}']") is not None
    other = make_user("ailleurs", Role.TRAINEE)
    assert client.get(thread_url(other, "competence", competence.pk)).status_code == 404


@pytest.fixture
def dwwm(cohort, db):
    from django.core.management import call_command

    from progress.models import Qualification

    call_command("load_framework", verbosity=0)
    qualification = Qualification.objects.get(code="RNCP37674")
    qualification.cohorts.add(cohort)
    return qualification


def test_the_discussions_are_in_the_persons_data_export(trainee, trainer, submission):
    import io
    import json
    import zipfile

    from accounts.personal_data import export_zip
    from conversations import services

    subject = services.access_thread(trainer, trainee.pk, "submission", submission.pk)
    services.message_post(subject=subject, author=trainer, text="Bien joué")
    for person, own in ((trainee, False), (trainer, True)):
        data = json.loads(zipfile.ZipFile(io.BytesIO(export_zip(person))).read("donnees.json"))
        (records,) = [s["records"] for s in data["sections"] if s["key"] == "discussions"]
        assert records[0]["text"] == "Bien joué" and records[0]["written_by_you"] is own
