"""Who may open what: every view, every persona. Anonymous visitors are sent to the login page."""

import pytest
from django.urls import reverse

from courses.models import Lesson, Status

OK = {200, 302}
DENIED = {403, 404}
PERSONAS = ["resident", "trainee", "other_trainee", "trainer", "other_trainer", "mediator", "coordinator"]


@pytest.fixture
def world(basics_course, web_course, cohort, other_cohort, mediator, resident, coordinator):
    web_lesson = Lesson.objects.filter(module__course=web_course).first()
    web_lesson.notebook = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    web_lesson.notebook_images = [["image/png", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="]]
    web_lesson.save()
    draft = Lesson.objects.filter(module__course=basics_course).last()
    draft.status = Status.DRAFT
    draft.save()
    return {
        "basics": basics_course, "web": web_course, "web_lesson": web_lesson, "draft": draft,
        "module": web_lesson.module, "cohort": cohort, "learner": cohort.learners.first(),
    }


def views(w):
    """(name, url, method, personas allowed, login required)."""
    c, web, lesson = w["cohort"], w["web"], w["web_lesson"]
    staff = {"trainer", "coordinator"}
    return [
        ("catalogue", reverse("courses:catalogue"), "get", set(PERSONAS), False),
        ("course page", web.get_absolute_url(), "get", set(PERSONAS), False),
        ("dashboard", reverse("accounts:dashboard"), "get", set(PERSONAS), True),
        ("web lesson", lesson.get_absolute_url(), "get", {"trainee", "trainer", "coordinator"}, True),
        ("web lesson notebook", reverse("courses:lesson_notebook", args=[web.slug, lesson.pk]), "get", {"trainee", "trainer", "coordinator"}, True),
        ("web lesson picture", reverse("courses:lesson_notebook_image", args=[web.slug, lesson.pk, 0]), "get", {"trainee", "trainer", "coordinator"}, True),
        ("draft lesson", w["draft"].get_absolute_url(), "get", {"trainer", "coordinator"}, True),
        ("mark done", reverse("courses:lesson_complete", args=[web.slug, lesson.pk]), "post", {"trainee", "trainer", "coordinator"}, True),
        ("enrol in web course", reverse("courses:enrol", args=[web.slug]), "post", set(PERSONAS), True),
        ("authoring", reverse("courses:authoring"), "get", staff | {"other_trainer"}, True),
        ("course edit", reverse("courses:course_edit", args=[web.slug]), "get", staff, True),
        ("course publish", reverse("courses:course_publish", args=[web.slug]), "post", staff, True),
        ("module edit", reverse("courses:module_edit", args=[web.slug, w["module"].pk]), "get", staff, True),
        ("lesson edit", reverse("courses:lesson_edit", args=[web.slug, w["module"].pk, lesson.pk]), "get", staff, True),
        ("lesson create", reverse("courses:lesson_create", args=[web.slug, w["module"].pk]), "get", staff, True),
        ("lesson publish", reverse("courses:lesson_publish", args=[web.slug, lesson.pk]), "post", staff, True),
        ("move lesson", reverse("courses:item_move", args=[web.slug, "lesson", lesson.pk]), "post", staff, True),
        ("course create", reverse("courses:course_create"), "get", staff | {"other_trainer"}, True),
        ("course import", reverse("courses:course_import"), "get", staff | {"other_trainer"}, True),
        ("course export", reverse("courses:course_export", args=[web.slug]), "get", staff, True),
        ("track create", reverse("courses:track_create"), "get", {"coordinator"}, True),
        ("cohort list", reverse("accounts:cohort_list"), "get", staff | {"other_trainer", "mediator"}, True),
        ("cohort create", reverse("accounts:cohort_create"), "get", staff | {"other_trainer", "mediator"}, True),
        ("cohort detail", reverse("accounts:cohort_detail", args=[c.pk]), "get", staff, True),
        ("bulk learners", reverse("accounts:learners_create", args=[c.pk]), "get", staff, True),
        ("login cards", reverse("accounts:login_cards", args=[c.pk]), "post", staff, True),
        ("cards just printed", reverse("accounts:card_batch", args=[c.pk, "0" * 32]), "get", staff, True),
        ("remove from the promo (asked)", reverse("accounts:learner_remove", args=[c.pk, w["learner"].pk]), "get", staff, True),
        ("cohort course", reverse("accounts:cohort_course", args=[c.pk]), "post", staff, True),
        ("my data", reverse("accounts:my_data"), "get", set(PERSONAS), True),
        ("my account", reverse("accounts:my_account"), "get", set(PERSONAS), True),
        ("my recovery code", reverse("accounts:recovery_code"), "get", set(PERSONAS), True),
        ("change my password", reverse("accounts:password_change"), "get", set(PERSONAS), True),
        ("correct a learner's name", reverse("accounts:learner_rename", args=[c.pk, w["learner"].pk]), "get", staff, True),
        ("my data download", reverse("accounts:my_data_download"), "get", set(PERSONAS), True),
        ("deletion requests", reverse("accounts:deletion_requests"), "get", {"coordinator"}, True),
        ("my path", reverse("progress:my_path"), "get", set(PERSONAS), True),
        ("my achievements", reverse("progress:achievements"), "get", set(PERSONAS), True),
        ("people I accompany", reverse("progress:accompaniment"), "get", {"mediator"}, True),
        ("indicators", reverse("progress:indicators"), "get", {"coordinator"}, True),
        ("indicators csv", reverse("progress:indicators_export"), "get", {"coordinator"}, True),
        ("cohort competences", reverse("progress:cohort_dashboard", args=[c.pk]), "get", staff, True),
        ("cohort competences csv", reverse("progress:cohort_export", args=[c.pk]), "get", staff, True),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_view_allows_exactly_its_roles(client, world, persona, request):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    failures = []
    for name, url, method, allowed, _login in views(world):
        data = {"course": world["web"].pk, "direction": "up"} if method == "post" else None
        response = getattr(client, method)(url, data)
        expected = OK if persona in allowed else DENIED
        if response.status_code not in expected:
            failures.append(f"{name} {method.upper()} {url}: {response.status_code}, expected one of {sorted(expected)}")
    assert not failures, "\n".join(failures)


def test_anonymous_visitors_are_sent_to_login(client, world):
    for name, url, method, _allowed, login_required in views(world):
        response = getattr(client, method)(url)
        if login_required:
            assert response.status_code == 302, name
            assert response.url.startswith(reverse("accounts:login")), name
        else:
            assert response.status_code == 200, name


def test_learners_of_another_cohort_cannot_read_its_lessons(client, world, other_trainee):
    client.force_login(other_trainee)
    assert client.get(world["web_lesson"].get_absolute_url()).status_code == 403


def test_another_cohorts_trainer_cannot_manage_its_learners(client, world, other_trainer, trainee):
    client.force_login(other_trainer)
    url = reverse("accounts:login_links_revoke", args=[world["cohort"].pk, trainee.pk])
    assert client.post(url).status_code == 404
    assert client.post(reverse("accounts:login_cards", args=[world["cohort"].pk]), {"learner": trainee.pk}).status_code == 404
    assert client.post(reverse("accounts:learner_remove", args=[world["cohort"].pk, trainee.pk])).status_code == 404
    assert world["cohort"].learners.filter(pk=trainee.pk).exists()
