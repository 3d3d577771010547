"""Indicators for coordinators and funders: the minimum group size, the months shown, the figures of a
month, by site, promo and track; and the page's parameters."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from accounts.models import Cohort, Role, Site
from courses.models import Lesson
from exercises.models import Submission
from progress import services
from tests.conftest import make_user
from tests.exercises.conftest import load_exercise

NOW = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def exercise(web_course):
    return load_exercise(web_course.modules.first(), "moyenne")


@pytest.fixture
def five(school, cohort, trainee):
    """The cohort's trainee and four more at the school: five people, the smallest group shown."""
    others = [make_user(f"stagiaire{i}", Role.TRAINEE, school) for i in range(4)]
    cohort.learners.add(*others)
    return [trainee, *others]


def submit(exercise, learner, at, status="passed"):
    submission = Submission.objects.create(
        exercise=exercise,
        learner=learner,
        mode="submit",
        status=status,
        score=1.0 if status == "passed" else 0.0,
        final_score=1.0 if status == "passed" else 0.0,
        created_at=at,
    )
    services.submission_graded(submission)


def test_a_group_of_five_is_shown_and_a_group_of_four_is_hidden(five, school):
    small = Site.objects.create(name="Antenne rurale", kind=Site.Kind.MEDIATION)
    for i in range(4):
        make_user(f"habitant{i}", Role.RESIDENT, small)
    Site.objects.create(name="Site vide", kind=Site.Kind.MEDIATION)  # nobody: neither shown nor counted
    data = services.indicators("site", 3, now=NOW)
    assert [(row["group"], row["size"]) for row in data["rows"]] == [(school.name, 5)]
    assert data["hidden_groups"] == 1


def test_staff_do_not_count_in_the_size_of_a_site(school, trainee, trainer, coordinator):
    for i in range(3):
        make_user(f"stagiaire{i}", Role.TRAINEE, school)
    data = services.indicators("site", 1, now=NOW)
    assert data["rows"] == [] and data["hidden_groups"] == 1  # 4 learners, whatever the staff


def test_the_months_shown_cross_the_new_year(db):
    data = services.indicators("site", 3, now=NOW)
    assert [m.date() for m in data["months"]] == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]


def test_each_month_counts_its_own_activity_and_older_months_are_left_out(five, exercise):
    submit(exercise, five[0], datetime(2026, 1, 15, 12, tzinfo=UTC))
    submit(exercise, five[1], datetime(2026, 1, 16, 12, tzinfo=UTC), status="failed")
    submit(exercise, five[2], datetime(2025, 10, 15, 12, tzinfo=UTC))  # before the three months shown
    [row] = services.indicators("site", 3, now=NOW)["rows"]
    december, january, february = row["months"]
    assert (january["active"], january["exercises"], january["hours"]) == (2, 1, round(10 / 60, 1))
    assert december["active"] == february["active"] == 0


def test_estimated_hours_add_lesson_durations_and_five_minutes_per_submission(five, exercise, web_course):
    lesson = Lesson.objects.filter(module__course=web_course).order_by("pk").first()
    lesson.duration_minutes = 25
    lesson.save()
    services.lesson_completed(user=five[0], lesson=lesson, at=datetime(2026, 2, 3, 12, tzinfo=UTC))
    for day in (4, 5):
        submit(exercise, five[0], datetime(2026, 2, day, 12, tzinfo=UTC))
    [row] = services.indicators("site", 1, now=NOW)["rows"]
    [month] = row["months"]
    assert (month["lessons"], month["hours"], month["active"]) == (1, round(35 / 60, 1), 1)


def test_totals_add_up_the_groups_shown(five, exercise, school, other_trainer):
    second = Cohort.objects.create(name="Promo C", site=school)
    newcomers = [make_user(f"nouveau{i}", Role.TRAINEE, school) for i in range(5)]
    second.learners.add(*newcomers)
    for person in (five[0], five[1], newcomers[0]):
        submit(exercise, person, datetime(2026, 2, 2, 12, tzinfo=UTC))
    data = services.indicators("cohort", 1, now=NOW)
    assert sorted((row["group"], row["months"][0]["active"]) for row in data["rows"]) == [
        ("Promo A", 2),
        ("Promo C", 1),
    ]
    assert data["totals"][0]["active"] == 3


def test_by_track_a_group_is_the_people_following_its_courses(five, exercise, web_course):
    submit(exercise, five[3], datetime(2026, 2, 2, 12, tzinfo=UTC))
    [row] = services.indicators("track", 1, now=NOW)["rows"]
    assert (row["group"], row["size"], row["months"][0]["active"]) == (web_course.track.title, 5, 1)


def test_blocks_ready_are_counted_for_the_learners_group(five, dwwm, trainer):
    from progress.models import Competence

    for competence in Competence.objects.filter(block__code="RNCP37674BC01"):
        services.competence_validate(user=five[2], competence=competence, by=trainer, at=NOW)
    [row] = services.indicators("cohort", 1, now=NOW)["rows"]
    assert row["blocks_ready"] == 1 and row["months"][0]["acquired"] == 4


@pytest.mark.parametrize("given, expected", [("0", 1), ("99", 24), ("trois", 6), ("12", 12)])
def test_the_number_of_months_is_kept_between_1_and_24(client, coordinator, given, expected):
    client.force_login(coordinator)
    response = client.get(reverse("progress:indicators"), {"mois": given})
    assert response.context["months"] == expected and len(response.context["data"]["months"]) == expected


def test_an_unknown_grouping_falls_back_to_sites(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("progress:indicators"), {"par": "user"}).context["dimension"] == "site"


def test_the_csv_writes_hours_with_a_decimal_comma(client, coordinator, five, exercise):
    from django.utils import timezone

    for _ in range(7):
        submit(exercise, five[0], timezone.now())
    client.force_login(coordinator)
    text = client.get(reverse("progress:indicators_export"), {"par": "site", "mois": 1}).content.decode("utf-8-sig")
    header, row = text.splitlines()
    assert header.split(";")[6] == "Heures estimées" and row.split(";")[6] == "0,6"
    assert all(person.username not in text and person.display_name not in text for person in five)
