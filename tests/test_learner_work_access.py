"""One rule for « may this person see this learner's work », on every view that shows it.

A mediator works with residents who did not necessarily agree to share: without the resident's
consent (« mon médiateur peut voir mes réussites »), no view shows the mediator their work.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts import services as accounts_services
from accounts.models import Cohort
from exercises.models import RenderedNotebook, Screenshot, Submission
from progress import services as progress_services
from progress.models import Competence, Evidence

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def workshop(mediation_site, mediator, resident):
    group = Cohort.objects.create(name="Atelier du mardi", site=mediation_site)
    group.trainers.add(mediator)
    group.learners.add(resident)
    return group


@pytest.fixture
def resident_work(workshop, resident, basics_course, mediator, settings, tmp_path):
    """A resident's graded submission with its screenshot and executed notebook, and an observation with a file."""
    from exercises.models import Exercise

    module = basics_course.modules.first()
    exercise = Exercise.objects.create(module=module, slug="ex", title="Exercice", kind="quiz", status="published")
    submission = Submission.objects.create(
        exercise=exercise,
        learner=resident,
        status=Submission.Status.PASSED,
        score=1.0,
        result={"status": "passed", "score": 1.0, "tests": []},
    )
    Screenshot.objects.create(submission=submission, width=360, image=PNG)
    RenderedNotebook.objects.create(submission=submission, html="<p>ok</p>", images=[["image/png", "iVBORw0KGgo="]])
    from django.core.management import call_command

    call_command("load_framework", verbosity=0)
    competence = Competence.objects.first()
    evidence = progress_services.observation_add(
        user=resident,
        competence=competence,
        by=mediator,
        note="Sait envoyer un courriel",
        file=ContentFile(b"observation", name="note.txt"),
    )
    return {"submission": submission, "evidence": evidence, "competence": competence, "cohort": workshop}


def work_views(work, resident):
    """(name, method, url, data) of every view that shows or changes a learner's work."""
    submission, cohort = work["submission"], work["cohort"]
    return [
        ("submission", "get", reverse("exercises:submission_detail", args=[submission.pk]), None),
        ("screenshot", "get", reverse("exercises:screenshot", args=[submission.pk, 360]), None),
        ("executed notebook picture", "get", reverse("exercises:notebook_image", args=[submission.pk, 0]), None),
        ("submitted notebook", "get", reverse("exercises:submission_notebook", args=[submission.pk]), None),
        (
            "override",
            "post",
            reverse("exercises:review_override", args=[submission.pk]),
            {"score": 100, "comment": "x"},
        ),
        (
            "line comment",
            "post",
            reverse("exercises:review_comment", args=[submission.pk]),
            {"filename": "a", "line": 1, "text": "x"},
        ),
        ("regrade", "post", reverse("exercises:review_regrade", args=[submission.pk]), None),
        ("progress", "get", reverse("progress:learner_detail", args=[cohort.pk, resident.pk]), None),
        ("booklet", "get", reverse("progress:learner_booklet", args=[cohort.pk, resident.pk]), None),
        (
            "validate competence",
            "post",
            reverse("progress:competence_decide", args=[cohort.pk, resident.pk, work["competence"].pk]),
            {"action": "validate", "comment": "ok"},
        ),
        ("observation file", "get", reverse("progress:evidence_file", args=[work["evidence"].pk]), None),
    ]


def test_a_mediator_sees_no_work_of_a_resident_who_did_not_consent(client, mediator, resident, resident_work):
    client.force_login(mediator)
    for name, method, url, data in work_views(resident_work, resident):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, f"{name}: {response.status_code}"
    listing = client.get(reverse("exercises:review_list")).content.decode()
    assert resident.username not in listing and "Awa" not in listing
    assert client.get(reverse("progress:accompaniment")).content.decode().count("Awa") == 0
    submission = Submission.objects.get(pk=resident_work["submission"].pk)
    assert submission.override_score is None and not submission.comments.exists()


def test_the_same_mediator_sees_it_once_the_resident_agrees(client, mediator, resident, resident_work):
    accounts_services.sharing_set(user=resident, shares=True)
    client.force_login(mediator)
    for name, method, url, data in work_views(resident_work, resident):
        if method == "get" and name != "submitted notebook":  # a quiz has no notebook to download
            assert getattr(client, method)(url, data).status_code == 200, name
    assert "Awa" in client.get(reverse("exercises:review_list")).content.decode()


def test_the_rule_says_who_may_see_whose_work(
    resident, trainee, other_trainee, trainer, other_trainer, mediator, coordinator, cohort, workshop
):
    see = accounts_services.may_see_learner_work
    assert see(trainee, trainee) and see(trainer, trainee) and see(coordinator, trainee)
    assert not see(other_trainer, trainee) and not see(other_trainee, trainee) and not see(mediator, trainee)
    assert not see(mediator, resident) and not see(trainee, resident)
    resident.shares_progress = True
    assert see(mediator, resident)
    visible = set(accounts_services.learners_visible_to(trainer))
    assert trainee in visible and resident not in visible


def test_a_trainer_of_another_cohort_is_denied_every_view(client, other_trainer, resident, resident_work):
    client.force_login(other_trainer)
    for name, method, url, data in work_views(resident_work, resident):
        assert getattr(client, method)(url, data).status_code == 404, name


def test_the_observation_file_is_removed_if_the_observation_cannot_be_written(
    resident, mediator, resident_work, settings, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("progress.services.decisions.refresh", broken)  # observation_add looks it up there
    before = Evidence.objects.count()
    with pytest.raises(OSError):
        progress_services.observation_add(
            user=resident,
            competence=resident_work["competence"],
            by=mediator,
            note="n",
            file=ContentFile(b"x", name="orphan.txt"),
        )
    assert Evidence.objects.count() == before
    assert not [p for p in settings.MEDIA_ROOT.rglob("orphan*")]


def test_anonymous_visitors_get_none_of_it(client, resident, resident_work):
    for name, method, url, data in work_views(resident_work, resident):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login")), name
