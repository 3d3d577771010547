"""The monthly activity counters (progress.services._common): added to as things happen, taken back when
a lesson is un-completed, and a month left with nothing counted has no row, as recompute makes them."""

from datetime import UTC, date, datetime

from progress.models import ActivityMonth
from progress.services._common import forget_empty_month, record_activity

MARCH = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)


def rows(user):
    return sorted(
        ActivityMonth.objects.filter(user=user).values_list("month", "track_id", "lessons", "minutes", "submissions")
    )


def test_activity_adds_up_in_its_month_and_track(trainee):
    record_activity(trainee.pk, MARCH, 2, lessons=1, minutes=10)
    record_activity(trainee.pk, MARCH, 2, lessons=1, minutes=5)
    record_activity(trainee.pk, MARCH, 0, submissions=1)
    assert rows(trainee) == [(date(2026, 3, 1), 0, 0, 0, 1), (date(2026, 3, 1), 2, 2, 15, 0)]


def test_a_month_taken_back_to_nothing_is_forgotten(trainee):
    record_activity(trainee.pk, MARCH, 2, lessons=1, minutes=10)
    record_activity(trainee.pk, MARCH, 2, lessons=-1, minutes=-10)
    forget_empty_month(trainee.pk, MARCH, 2)
    assert rows(trainee) == []


def test_a_month_with_something_left_is_kept(trainee):
    record_activity(trainee.pk, MARCH, 2, lessons=1, minutes=10, submissions=1)
    record_activity(trainee.pk, MARCH, 2, lessons=-1, minutes=-10)
    forget_empty_month(trainee.pk, MARCH, 2)
    assert rows(trainee) == [(date(2026, 3, 1), 2, 0, 0, 1)]


def test_only_that_learner_month_and_track_are_forgotten(trainee, other_trainee):
    for user in (trainee, other_trainee):
        record_activity(user.pk, MARCH, 2, lessons=0)
    record_activity(trainee.pk, datetime(2026, 4, 2, tzinfo=UTC), 2, lessons=0)
    record_activity(trainee.pk, MARCH, 3, lessons=0)
    forget_empty_month(trainee.pk, MARCH, 2)
    assert rows(trainee) == [(date(2026, 3, 1), 3, 0, 0, 0), (date(2026, 4, 1), 2, 0, 0, 0)]
    assert rows(other_trainee) == [(date(2026, 3, 1), 2, 0, 0, 0)]
