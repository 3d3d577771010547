"""Links between activities (exercises, lessons) and competences, from each activity's `competences` list."""

from django.db import transaction

from ..models import ActivityLink, Competence


def sync_links(*, exercise=None, lesson=None):
    """Make the activity's links match its `competences` list (unknown codes are ignored)."""
    activity = exercise or lesson
    codes = [c for c in (activity.competences or []) if isinstance(c, str)]
    competences = {c.code: c for c in Competence.objects.filter(code__in=codes)}
    key = {"exercise": exercise} if exercise is not None else {"lesson": lesson}
    points = float(max(exercise.points, 0)) if exercise is not None else 1.0
    with transaction.atomic():
        ActivityLink.objects.filter(**key).exclude(competence__code__in=list(competences)).delete()
        for competence in competences.values():
            ActivityLink.objects.update_or_create(competence=competence, **key, defaults={"points": points})


def unknown_codes(codes):
    """The codes no loaded framework defines (for authoring and package checks)."""
    known = set(Competence.objects.filter(code__in=codes).values_list("code", flat=True))
    return [c for c in codes if c not in known]


def resync_links():
    """After a framework is loaded: link every activity that cites its codes."""
    from courses import selectors as courses_selectors
    from exercises import selectors as exercises_selectors

    for exercise in exercises_selectors.exercises_with_competences():
        sync_links(exercise=exercise)
    for lesson in courses_selectors.lessons_with_competences():
        sync_links(lesson=lesson)
