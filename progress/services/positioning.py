"""Taking a positioning test and reading its result: the answers are kept with the share of points per
area and the recommendations as they were given (a later change of the test does not rewrite them)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from accounts import services as accounts_services
from courses import selectors as courses_selectors

from .. import positioning
from ..models import Placement, PositioningTest


def positioning_tests(user):
    """The tests `user` may take: those for everyone, and those written for their groups."""
    tests = PositioningTest.objects.order_by("title")
    if not user.is_coordinator:
        tests = tests.filter(
            Q(cohorts=None) | Q(cohorts__learners=user) | Q(cohorts__trainers=user) | Q(author=user)
        ).distinct()
    return list(tests)


def editable_tests(user):
    """The tests `user` may change: their own (a mediator's or trainer's), or all (a coordinator)."""
    if user.is_coordinator:
        return PositioningTest.objects.order_by("title")
    if user.is_trainer:
        return PositioningTest.objects.filter(author=user).order_by("title")
    raise PermissionDenied


def access_test_to_edit(user, pk):
    test = editable_tests(user).filter(pk=pk).first()
    if test is None:
        raise Http404
    return test


def positioning_save(*, user, test, slug, source, spec, cohorts):
    """Store a test written in the browser (checked by the form): new, or the author's own changed."""
    with transaction.atomic():
        if test is None:
            test = PositioningTest(slug=slug, author=user)
        test.title, test.spec, test.source = spec["title"], {**spec, "slug": test.slug}, source
        test.save()
        test.cohorts.set(cohorts)
    return test


def placement_record(*, user, test, answers):
    shares = positioning.levels(test.spec, answers)
    return Placement.objects.create(
        user=user,
        test=test,
        answers=answers,
        levels=shares,
        recommendations=positioning.recommendations(test.spec, shares),
    )


def placements_of(user):
    return list(Placement.objects.filter(user=user).select_related("test").order_by("-created_at"))


def latest_placements(users):
    """{user id: their latest placement} for these people."""
    latest = {}
    for placement in Placement.objects.filter(user__in=users).select_related("test").order_by("created_at"):
        latest[placement.user_id] = placement
    return latest


def access_placement(viewer, pk):
    """A result its person may see, and whoever may see their work (a mediator only with their agreement)."""
    placement = Placement.objects.select_related("test", "user").filter(pk=pk).first()
    if placement is None or not accounts_services.may_see_learner_work(viewer, placement.user):
        raise Http404
    return placement


def placement_view(placement):
    """What the result page shows: each area's level in words, and where to start, with links."""
    spec = placement.test.spec
    areas = [
        {
            "title": area["title"],
            "share": placement.levels.get(area["id"], 0),
            "level": positioning.level_name(placement.levels.get(area["id"], 0)),
        }
        for area in spec["areas"]
    ]
    known = courses_selectors.module_slugs({r["course"] for r in placement.recommendations})
    advice = []
    for rule in placement.recommendations:
        course = known.get(rule["course"])
        if course is None:  # the course was removed since: the advice stays, without its link
            advice.append({"text": rule["text"]})
            continue
        url = reverse("courses:course_detail", args=[rule["course"]])
        module = course.get(rule.get("module") or "")
        advice.append(
            {
                "text": rule["text"],
                "url": f"{url}#m-{rule['module']}" if rule.get("module") and module else url,
                "course": course[""],
                "module": module if rule.get("module") else "",
            }
        )
    return {"areas": areas, "advice": advice, "done": spec.get("done", "")}
