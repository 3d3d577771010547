"""What several modules share: the monthly activity counters (ActivityMonth) the indicators read, and the
rule that says which track an acquired competence counts in."""

from collections import defaultdict

from django.utils import timezone

from ..models import ActivityMonth, State

PUBLISHED = "published"
MINUTES_PER_SUBMISSION = 5  # estimated time spent per graded submission (indicators)
LOWER = (State.NOT_STARTED, State.IN_PROGRESS)


def record_activity(user_id, when, track_id=0, **increments):
    """Add to a learner's activity of that month (and track): two small queries."""
    from django.db.models import F

    month = timezone.localtime(when).date().replace(day=1)
    row, _created = ActivityMonth.objects.get_or_create(user_id=user_id, month=month, track_id=track_id or 0)
    ActivityMonth.objects.filter(pk=row.pk).update(**{key: F(key) + value for key, value in increments.items()})


def forget_empty_month(user_id, when, track_id=0):
    """A month (and track) left with nothing counted has no row, as rebuild_activity makes them."""
    month = timezone.localtime(when).date().replace(day=1)
    ActivityMonth.objects.filter(
        user_id=user_id,
        month=month,
        track_id=track_id or 0,
        submissions=0,
        passed=0,
        lessons__lte=0,
        minutes__lte=0,
        acquired=0,
        attestations=0,
    ).delete()


def _activity_track(user_id, when):
    """The track an acquired competence counts in: the one where the learner was most active that
    month, else the latest month before with activity in a track; 0 when none. Competences belong to
    a qualification, not to a track: this rule, the same in rebuild_activity, makes the indicators by
    track add up with those by site and promo."""
    from django.db.models import F

    month = timezone.localtime(when).date().replace(day=1)
    rows = ActivityMonth.objects.filter(user_id=user_id, track_id__gt=0, month__lte=month)
    ordered = rows.annotate(done=F("submissions") + F("lessons")).order_by("-month", "-done", "track_id")
    return ordered.values_list("track_id", flat=True).first() or 0


def _busiest_tracks(rows):
    """{user id: [(month, activity, track id)]} sorted, from rebuild_activity's rows (same rule as above)."""
    per_user = defaultdict(list)
    for (user_id, month, track_id), values in rows.items():
        if track_id:
            per_user[user_id].append((month, values["submissions"] + values["lessons"], -track_id))
    for entries in per_user.values():
        entries.sort()
    return per_user
