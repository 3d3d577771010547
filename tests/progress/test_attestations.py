"""Residents: an attestation for each completed Numérique de base course, verifiable, with an Open Badge."""

import hashlib

import pytest
from django.urls import reverse

from accounts.models import Cohort
from courses import services as courses_services
from courses.models import Enrolment, Lesson
from progress import services
from progress.models import Attestation


@pytest.fixture
def enrolled(resident, basics_course):
    Enrolment.objects.create(user=resident, course=basics_course)
    return resident


def complete(user, course):
    lessons = list(Lesson.objects.filter(module__course=course, status="published").order_by("module__order", "order"))
    for lesson in lessons[:-1]:
        courses_services.lesson_complete(user=user, lesson=lesson)
    assert not Attestation.objects.filter(user=user).exists()  # not before the last one
    courses_services.lesson_complete(user=user, lesson=lessons[-1])


def test_completing_a_basics_course_issues_a_verifiable_attestation(client, enrolled, basics_course):
    complete(enrolled, basics_course)
    attestation = Attestation.objects.get(user=enrolled, course=basics_course)
    assert attestation.learner_name == enrolled.display_name and len(attestation.token) >= 20
    client.force_login(enrolled)
    page = client.get(reverse("progress:achievements")).content.decode()
    assert basics_course.title in page and attestation.get_absolute_url() in page
    client.logout()  # the verification page and the PDF are public, for whoever has the address
    verify = client.get(attestation.get_absolute_url())
    text = verify.content.decode()
    assert (
        verify.status_code == 200
        and "Attestation authentique" in text
        and enrolled.display_name in text
        and "<svg" in text
    )
    pdf = client.get(reverse("attestation_download", args=[attestation.token]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get("/attestations/pas-un-vrai-jeton/").status_code == 404


def test_open_badges_assertion_badge_class_and_issuer(client, enrolled, basics_course):
    complete(enrolled, basics_course)
    attestation = Attestation.objects.get(user=enrolled)
    assertion = client.get(reverse("badge_assertion", args=[attestation.token])).json()
    assert assertion["@context"] == "https://w3id.org/openbadges/v2" and assertion["type"] == "Assertion"
    assert assertion["id"] == "http://testserver" + reverse("badge_assertion", args=[attestation.token])
    assert assertion["verification"] == {"type": "hosted"}
    recipient = assertion["recipient"]
    identity = "http://testserver" + attestation.get_absolute_url()
    assert recipient["identity"] == "sha256$" + hashlib.sha256((identity + recipient["salt"]).encode()).hexdigest()
    badge = client.get(assertion["badge"].removeprefix("http://testserver")).json()
    assert badge["type"] == "BadgeClass" and badge["name"] == basics_course.title and badge["id"] == assertion["badge"]
    issuer = client.get(badge["issuer"].removeprefix("http://testserver")).json()
    assert issuer["type"] == "Issuer" and issuer["id"] == badge["issuer"]
    image = client.get(badge["image"].removeprefix("http://testserver"))
    assert image["Content-Type"] == "image/svg+xml"
    services.attestation_revoke(attestation=attestation, reason="Délivrée par erreur")
    assert client.get(reverse("badge_assertion", args=[attestation.token])).json()["revoked"] is True
    assert "a été retirée" in client.get(attestation.get_absolute_url()).content.decode()


def test_no_attestation_for_an_ecole_du_web_course(trainee, web_course):
    complete(trainee, web_course)
    assert not Attestation.objects.exists()


def test_mediator_sees_only_residents_who_agreed(client, enrolled, basics_course, mediator, trainer, mediation_site):
    group = Cohort.objects.create(name="Atelier", site=mediation_site)
    group.trainers.add(mediator)
    group.learners.add(enrolled)
    complete(enrolled, basics_course)
    client.force_login(mediator)
    url = reverse("progress:accompaniment")
    assert enrolled.display_name not in client.get(url).content.decode()
    client.force_login(enrolled)
    client.post(reverse("progress:sharing"), {"shares_progress": "1"})
    client.force_login(mediator)
    page = client.get(url).content.decode()
    assert enrolled.display_name in page and basics_course.title in page
    client.force_login(trainer)
    assert client.get(url).status_code == 403
    client.force_login(enrolled)
    client.post(reverse("progress:sharing"), {})
    client.force_login(mediator)
    assert enrolled.display_name not in client.get(url).content.decode()
