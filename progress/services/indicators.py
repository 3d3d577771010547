"""Indicators for coordinators and funders: aggregates by site, cohort or track and by month."""

from django.utils import timezone

from ..models import ActivityMonth, BlockReady

MIN_GROUP = 5  # smaller groups are not shown: no one can be singled out


def _months(now, count):
    year, month = now.year, now.month
    months = []
    for _ in range(count):
        months.append(now.replace(year=year, month=month, day=1, hour=0, minute=0, second=0, microsecond=0))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def _month_key(value):
    return (value.year, value.month)


def indicators(dimension="site", months=6, now=None):
    """Aggregates by site, cohort or track and by month; groups under MIN_GROUP people are left out.

    Reads the monthly activity (one row per learner, month and track), grouped in SQL."""
    from django.db.models import Count, Q, Sum

    from accounts import selectors as accounts_selectors
    from courses import selectors as courses_selectors

    now = timezone.localtime(now or timezone.now())
    month_starts = _months(now, months)
    since = month_starts[0].date()
    if dimension == "track":
        names = {t.pk: t.title for t in courses_selectors.tracks()}
        sizes = courses_selectors.track_sizes()
        key = "track_id"
    else:
        names, sizes = accounts_selectors.group_sizes(dimension)
        key = "user__site_id" if dimension == "site" else "user__cohorts__id"
    visible = {g for g, size in sizes.items() if size >= MIN_GROUP and g in names}
    hidden = sum(1 for g, size in sizes.items() if 0 < size < MIN_GROUP)
    active = Q(submissions__gt=0) | Q(lessons__gt=0)
    stats = {
        (row[key], row["month"]): row
        for row in ActivityMonth.objects.filter(month__gte=since)
        .values(key, "month")
        .annotate(
            active=Count("user", distinct=True, filter=active),
            lessons_done=Sum("lessons"),
            passed_done=Sum("passed"),
            minutes_spent=Sum("minutes"),
            acquired_done=Sum("acquired"),
            attestations_done=Sum("attestations"),
        )
        if row[key] in visible
    }
    ready = _blocks_ready(dimension)
    rows = []
    for group in sorted(visible, key=lambda g: names[g]):
        cells = []
        for start in month_starts:
            cell = stats.get((group, start.date()), {})
            cells.append(
                {
                    "month": start,
                    "active": cell.get("active", 0),
                    "lessons": cell.get("lessons_done") or 0,
                    "exercises": cell.get("passed_done") or 0,
                    "hours": round((cell.get("minutes_spent") or 0) / 60, 1),
                    "acquired": cell.get("acquired_done") or 0,
                    "attestations": cell.get("attestations_done") or 0,
                }
            )
        rows.append({"group": names[group], "size": sizes[group], "months": cells, "blocks_ready": ready.get(group, 0)})
    totals = [
        {
            "month": start,
            "active": sum(r["months"][i]["active"] for r in rows),
            "acquired": sum(r["months"][i]["acquired"] for r in rows),
        }
        for i, start in enumerate(month_starts)
    ]
    return {"rows": rows, "months": month_starts, "hidden_groups": hidden, "totals": totals, "dimension": dimension}


def _blocks_ready(dimension):
    """{group: blocks ready for the jury} today."""
    from django.db.models import Count

    if dimension == "track":
        from courses import selectors as courses_selectors

        per_user = dict(BlockReady.objects.values("user_id").annotate(n=Count("pk")).values_list("user_id", "n"))
        if not per_user:
            return {}
        return {
            group: sum(per_user.get(u, 0) for u in people)
            for group, people in courses_selectors.track_members().items()
        }
    key = "user__site_id" if dimension == "site" else "user__cohorts__id"
    return dict(BlockReady.objects.values(key).annotate(n=Count("pk")).values_list(key, "n"))


def platform_minutes(user_ids, month):
    """{user id: estimated minutes on the platform in `month`} (lessons completed, graded submissions: the
    same estimate as the indicators). An estimate of online activity, never attendance hours."""
    from django.db.models import Sum

    rows = (
        ActivityMonth.objects.filter(user_id__in=user_ids, month=month.replace(day=1))
        .values("user_id")
        .annotate(total=Sum("minutes"))
    )
    return {row["user_id"]: max(row["total"] or 0, 0) for row in rows}
