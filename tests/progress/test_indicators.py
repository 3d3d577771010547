"""Coordinators and funders: aggregates by site, cohort and track; no names; no group under 5 people."""

import pytest
from django.urls import reverse

from accounts.models import Role
from courses import services as courses_services
from courses.models import Enrolment, Lesson
from exercises.models import Submission
from progress import services
from progress.models import Competence
from tests.conftest import make_user
from tests.exercises.conftest import load_exercise


@pytest.fixture
def world(dwwm, cohort, school, mediation_site, web_course, basics_course, trainer):
    """Six trainees in the cohort (the fixture's trainee + 5), three residents at the mediation site."""
    trainees = [make_user(f"stagiaire{i}", Role.TRAINEE, site=school) for i in range(5)]
    cohort.learners.add(*trainees)
    exercise = load_exercise(web_course.modules.first(), "moyenne", competences=["RNCP37674-CP7"])
    services.sync_links(exercise=exercise)
    for learner in trainees[:3]:
        submission = Submission.objects.create(
            exercise=exercise, learner=learner, mode="submit", status="passed", score=1, final_score=1
        )
        services.submission_graded(submission)
    for competence in Competence.objects.filter(block__code="RNCP37674BC02"):
        services.competence_validate(user=trainees[0], competence=competence, by=trainer)
    residents = [make_user(f"habitant{i}", Role.RESIDENT, site=mediation_site) for i in range(3)]
    lesson = Lesson.objects.filter(module__course=basics_course).first()
    for resident in residents:
        Enrolment.objects.create(user=resident, course=basics_course)
        courses_services.lesson_complete(user=resident, lesson=lesson)
    return {"trainees": trainees, "residents": residents}


def get(client, **params):
    return client.get(reverse("progress:indicators"), params)


def test_indicators_by_site_show_aggregates_and_hide_small_groups(
    client, coordinator, world, school, django_assert_max_num_queries
):
    client.force_login(coordinator)
    with django_assert_max_num_queries(15):
        response = get(client, par="site")
    page = response.content.decode()
    data = response.context["data"]
    assert [row["group"] for row in data["rows"]] == [school.name]  # the mediation site has 3 residents: hidden
    assert data["hidden_groups"] == 1 and "1 groupe de moins de 5 personnes n’est pas affiché." in page
    row = data["rows"][0]
    this_month = row["months"][-1]
    assert (this_month["active"], this_month["exercises"], this_month["acquired"]) == (
        3,
        3,
        3 + 3,
    )  # CP7 by 3 exercises; CP5, CP6, CP8 validated (CP7 was already acquired)
    assert row["blocks_ready"] == 1  # trainee 0: the back-end block, validated
    assert this_month["hours"] == round(3 * 5 / 60, 1)  # 3 graded submissions × 5 minutes
    for person in world["trainees"] + world["residents"]:
        assert person.username not in page and person.display_name not in page
    assert "<svg" in page and 'role="img"' in page


def test_indicators_by_cohort_and_track_and_csv(client, coordinator, world, cohort):
    client.force_login(coordinator)
    by_cohort = get(client, par="cohort").context["data"]
    assert [row["group"] for row in by_cohort["rows"]] == [cohort.name]
    by_track = get(client, par="track").context["data"]
    assert [row["group"] for row in by_track["rows"]] == ["École du web"]
    csv = (
        client.get(reverse("progress:indicators_export"), {"par": "cohort", "mois": 2})
        .content.decode("utf-8-sig")
        .splitlines()
    )
    assert csv[0].startswith("Groupe;Personnes;Mois;Apprenants actifs") and len(csv) == 1 + 2
    assert csv[-1].split(";")[:2] == [cohort.name, "6"]


def test_only_coordinators_see_indicators(client, trainer, trainee, mediator, resident):
    for user in (trainer, trainee, mediator, resident):
        client.force_login(user)
        assert get(client).status_code == 403
        assert client.get(reverse("progress:indicators_export")).status_code == 403
    client.logout()
    assert get(client).status_code == 302


def test_the_three_views_add_up_and_charts_are_titled(client, coordinator, world):
    """Competences belong to a qualification, not to a track: an acquired competence counts in the
    track where the learner was active, so « Compétences acquises » reads the same by site, promo and
    track (it read 6, 6 and 0), before and after the activity is rebuilt from the stored facts."""
    client.force_login(coordinator)

    def this_month(dimension):
        rows = get(client, par=dimension).context["data"]["rows"]
        return {key: sum(row["months"][-1][key] for row in rows) for key in ("active", "exercises", "acquired")}

    expected = {"active": 3, "exercises": 3, "acquired": 6}
    assert [this_month(d) for d in ("site", "cohort", "track")] == [expected] * 3
    services.rebuild_activity()
    assert [this_month(d) for d in ("site", "cohort", "track")] == [expected] * 3
    page = get(client).content.decode()
    assert '<figcaption class="chart-title">Apprenants actifs par mois</figcaption>' in page
    assert '<figcaption class="chart-title">Compétences acquises par mois</figcaption>' in page
    assert "Pourquoi les chiffres par lieu, par promo et par parcours peuvent différer" in page


def test_a_grading_during_a_recompute_of_other_learners_still_counts(world, web_course, monkeypatch):
    """recompute() once switched a process-wide flag off: a submission graded meanwhile in the same
    process (another worker thread) lost its activity. The switch is now an argument of refresh()."""
    from exercises import selectors as exercises_selectors
    from progress.models import ActivityMonth

    first, other = world["trainees"][0], world["trainees"][4]
    exercise = web_course.modules.first().exercises.get(slug="moyenne")
    real = exercises_selectors.best_submissions

    def grading_meanwhile(**kwargs):
        submission = Submission.objects.create(
            exercise=exercise, learner=other, mode="submit", status="passed", score=1, final_score=1
        )
        services.submission_graded(submission)
        return real(**kwargs)

    monkeypatch.setattr(exercises_selectors, "best_submissions", grading_meanwhile)
    services.recompute(user_ids=[first.pk])
    counted = ActivityMonth.objects.filter(user_id=other.pk)
    assert sum(row.submissions for row in counted) == 1 and sum(row.acquired for row in counted) == 1
