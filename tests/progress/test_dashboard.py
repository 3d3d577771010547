"""The trainer's side: the cohort matrix, at-risk learners, validation in place, CSV and the booklet."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from exercises.models import Submission
from progress import services
from progress.models import Competence, CompetenceProgress, ProgressEvent, State
from tests.conftest import make_user
from tests.exercises.conftest import load_exercise

CP7 = "RNCP37674-CP7"


@pytest.fixture
def exercise(web_course, dwwm):
    exercise = load_exercise(web_course.modules.first(), "moyenne", competences=[CP7])
    services.sync_links(exercise=exercise)
    return exercise


def submit(exercise, learner, score, days_ago=0):
    submission = Submission.objects.create(
        exercise=exercise,
        learner=learner,
        mode="submit",
        status="passed" if score == 1 else "failed",
        score=score,
        final_score=score,
        created_at=timezone.now() - timedelta(days=days_ago),
    )
    services.submission_graded(submission)
    return submission


def dashboard(client, cohort, **params):
    return client.get(reverse("progress:cohort_dashboard", args=[cohort.pk]), params)


def test_matrix_shows_states_and_who_is_at_risk(client, trainer, cohort, trainee, exercise, web_course):
    steady = make_user("steady", Role.TRAINEE)
    struggling = make_user("struggling", Role.TRAINEE)
    cohort.learners.add(steady, struggling)
    submit(exercise, steady, 1.0)
    for _ in range(3):
        submit(exercise, struggling, 0.0)
    client.force_login(trainer)
    page = dashboard(client, cohort).content.decode()
    assert '<td class="state-acquise"><span aria-hidden="true">●</span> Acquise</td>' in page
    assert "aucune activité depuis 7 jours" in page  # the trainee never did anything
    assert "échecs répétés : Calculer une moyenne" in page
    only = dashboard(client, cohort, risque="1").content.decode()
    assert "steady" not in only and "struggling" in only
    by_progress = dashboard(client, cohort, tri="progress").content.decode()
    assert by_progress.index("steady") < by_progress.index("struggling")


def test_far_behind_the_median(client, trainer, cohort, trainee, dwwm, web_course):
    ahead = [make_user(f"ahead{i}", Role.TRAINEE) for i in range(3)]
    cohort.learners.add(*ahead)
    competences = list(Competence.objects.filter(block__qualification=dwwm)[:4])
    for learner in ahead:
        for competence in competences:
            services.competence_validate(user=learner, competence=competence, by=trainer)
    matrix = services.cohort_matrix(cohort, dwwm)
    behind = next(row for row in matrix["rows"] if row.learner == trainee)
    assert matrix["median"] == 4 and any("loin derrière la promo (0 acquises, médiane 4)" in r for r in behind.risks)


@pytest.mark.parametrize("size", [2, 25])
def test_matrix_queries_do_not_grow_with_the_cohort(
    client, trainer, cohort, exercise, size, django_assert_max_num_queries
):
    learners = [make_user(f"l{i}", Role.TRAINEE) for i in range(size)]
    cohort.learners.add(*learners)
    for learner in learners[::2]:
        submit(exercise, learner, 1.0)
    client.force_login(trainer)
    with django_assert_max_num_queries(15):
        assert dashboard(client, cohort).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("progress:cohort_export", args=[cohort.pk])).status_code == 200


def test_csv_export(client, trainer, cohort, trainee, exercise):
    submit(exercise, trainee, 1.0)
    client.force_login(trainer)
    response = client.get(reverse("progress:cohort_export", args=[cohort.pk]))
    text = response.content.decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert response["Content-Type"].startswith("text/csv")
    assert header.split(";")[:4] == ["Apprenant", "Identifiant", "RNCP37674-CP1", "RNCP37674-CP2"]
    assert first.split(";")[2 + 6] == "Acquise"  # CP7 is the 7th competence


def test_trainer_validates_in_place_then_withdraws_with_a_reason(client, trainer, cohort, trainee, exercise):
    submit(exercise, trainee, 1.0)
    competence = Competence.objects.get(code=CP7)
    url = reverse("progress:competence_decide", args=[cohort.pk, trainee.pk, competence.pk])
    client.force_login(trainer)
    fragment = client.post(
        url, {"action": "validate", "comment": "Vu en projet"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert fragment.startswith(f'<li class="competence state-validee" id="competence-{competence.pk}"')
    assert "Vu en projet" in fragment
    refused = client.post(url, {"action": "invalidate", "reason": ""}, HTTP_HX_REQUEST="true").content.decode()
    assert "Ce champ est obligatoire" in refused
    client.post(url, {"action": "invalidate", "reason": "Projet non présenté"})
    assert CompetenceProgress.objects.get(user=trainee, competence=competence).state == State.ACQUIRED
    assert ProgressEvent.objects.filter(user=trainee, actor=trainer, reason="Projet non présenté").exists()
    client.post(url, {"action": "observe", "note": "Présente bien son travail"})
    detail = client.get(reverse("progress:learner_detail", args=[cohort.pk, trainee.pk])).content.decode()
    assert "Présente bien son travail" in detail and "Projet non présenté" in detail
    booklet = client.get(reverse("progress:learner_booklet", args=[cohort.pk, trainee.pk])).content.decode()
    assert (
        "Livret de compétences" in booklet
        and "Calculer une moyenne (100 %)" in booklet
        and "Présente bien son travail" in booklet
    )


def test_denials(client, trainer, other_trainer, cohort, trainee, other_trainee, mediator, coordinator, exercise):
    competence = Competence.objects.get(code=CP7)
    urls = [
        reverse("progress:cohort_dashboard", args=[cohort.pk]),
        reverse("progress:cohort_export", args=[cohort.pk]),
        reverse("progress:learner_detail", args=[cohort.pk, trainee.pk]),
        reverse("progress:learner_booklet", args=[cohort.pk, trainee.pk]),
    ]
    decide = reverse("progress:competence_decide", args=[cohort.pk, trainee.pk, competence.pk])
    for user, status in ((other_trainer, 404), (mediator, 404), (trainee, 403), (coordinator, 200)):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == status, (user, url)
        assert client.post(decide, {"action": "validate"}).status_code in ({200, 302} if status == 200 else {status})
    client.force_login(trainer)
    # A learner of another cohort, a competence the learner does not follow: not found.
    assert client.get(reverse("progress:learner_detail", args=[cohort.pk, other_trainee.pk])).status_code == 404
    pix = Competence.objects.get(code="CRCN-1.1")
    assert (
        client.post(
            reverse("progress:competence_decide", args=[cohort.pk, trainee.pk, pix.pk]), {"action": "validate"}
        ).status_code
        == 404
    )
    client.logout()
    assert client.get(urls[0]).status_code == 302


def test_csv_cells_are_never_spreadsheet_formulas(client, trainer, cohort, trainee, dwwm):
    trainee.first_name, trainee.last_name = '=HYPERLINK("http://evil")', ""
    trainee.save()
    client.force_login(trainer)
    import csv
    import io

    text = client.get(reverse("progress:cohort_export", args=[cohort.pk])).content.decode("utf-8-sig")
    names = [row[0] for row in csv.reader(io.StringIO(text), delimiter=";")][1:]
    assert names == ['\'=HYPERLINK("http://evil")']
