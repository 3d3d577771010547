"""Workshops speak their own words; people join a group by a code or an invitation, always confirming
themselves; mediators see the progress of the residents who agreed, asked once at their next login."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import Cohort, CohortInvitation, Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(mediation_site, mediator):
    cohort = services.cohort_create(name="Atelier du jeudi", site=mediation_site, trainer=mediator)
    assert cohort.kind == Cohort.Kind.WORKSHOP  # a mediator's group is a workshop
    return cohort


def login(client, user, password="pw-for-tests-123"):
    user.refresh_from_db()
    user.set_password(password)
    user.save()
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password})


def test_a_workshop_speaks_to_mediators_in_their_words(client, mediator, workshop, resident):
    workshop.learners.add(resident)
    client.force_login(mediator)
    page = client.get(workshop.get_absolute_url()).content.decode()
    assert "Participants" in page and "Animé par :" in page and "Cours du groupe" in page
    assert "Formateurs :" not in page and "Cours de la promo" not in page and ">Promos<" not in page
    assert "Tableau de bord des compétences" not in page  # it follows no qualification: nothing to show there
    assert "Progression des personnes accompagnées" in page
    assert ">Mes groupes<" in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_promo_keeps_the_web_school_words(client, trainer, cohort):
    from progress.models import Qualification

    Qualification.objects.create(code="RNCP37674", title="Développeur web et web mobile").cohorts.add(cohort)
    client.force_login(trainer)
    page = client.get(cohort.get_absolute_url()).content.decode()
    assert "Formateurs :" in page and "Cours de la promo" in page and "Tableau de bord des compétences" in page


def test_a_resident_joins_a_workshop_by_its_code_after_seeing_which_group(client, mediator, workshop, resident):
    client.force_login(mediator)
    client.post(reverse("accounts:cohort_join_code", args=[workshop.pk]), {"action": "new"})
    workshop.refresh_from_db()
    code = workshop.join_code
    assert len(code) == 6 and code in client.get(workshop.get_absolute_url()).content.decode()

    client.force_login(resident)
    typed = f"{code[:3].lower()} {code[3:].lower()}"  # read aloud, typed on a phone
    page = client.post(reverse("accounts:join"), {"code": typed}).content.decode()
    assert "Rejoindre « Atelier du jeudi » ?" in page and mediator.display_name in page
    assert not workshop.learners.filter(pk=resident.pk).exists()  # not before confirming
    response = client.post(reverse("accounts:join"), {"code": typed, "confirm": "1", "shares_progress": "1"})
    assert response.status_code == 302
    assert workshop.learners.filter(pk=resident.pk).exists()
    resident.refresh_from_db()
    assert resident.shares_progress and resident.sharing_asked_at is not None


def test_wrong_expired_or_guessed_codes_are_refused_clearly(client, mediator, workshop, resident, trainer):
    code = services.join_code_issue(cohort=workshop)
    client.force_login(resident)
    page = client.post(reverse("accounts:join"), {"code": "ZZZZZZ"}).content.decode()
    assert "ne correspond à aucun groupe" in page
    services.join_code_revoke(cohort=workshop)
    assert "ne correspond à aucun groupe" in client.post(reverse("accounts:join"), {"code": code}).content.decode()
    for _ in range(services.JOIN_TRIES_PER_HOUR):
        client.post(reverse("accounts:join"), {"code": "ZZZZZZ"})
    code = services.join_code_issue(cohort=workshop)
    assert "Trop de codes erronés" in client.post(reverse("accounts:join"), {"code": code}).content.decode()
    assert not workshop.learners.filter(pk=resident.pk).exists()
    client.force_login(trainer)  # staff accounts do not join groups as learners
    assert "Seuls les comptes d’apprenants" in client.post(reverse("accounts:join"), {"code": code}).content.decode()


def test_only_the_groups_staff_shows_codes_and_invites(client, workshop, trainer, resident, trainee):
    url_code = reverse("accounts:cohort_join_code", args=[workshop.pk])
    url_invite = reverse("accounts:cohort_invite", args=[workshop.pk])
    client.force_login(trainer)  # a trainer of another group
    assert client.post(url_code, {"action": "new"}).status_code == 404
    assert client.post(url_invite, {"username": trainee.username}).status_code == 404
    client.force_login(resident)
    assert client.post(url_code, {"action": "new"}).status_code == 403
    assert client.get(url_invite).status_code == 403
    workshop.refresh_from_db()
    assert workshop.join_code == "" and not CohortInvitation.objects.exists()


def test_an_existing_account_is_invited_and_accepts_at_the_next_login(client, mediator, workshop):
    person = make_user("awa", Role.RESIDENT, first_name="Awa", last_name="Diallo")
    client.force_login(mediator)
    assert (
        "Aucun compte"
        in client.post(reverse("accounts:cohort_invite", args=[workshop.pk]), {"username": "nobody"}).content.decode()
    )
    assert (
        "pas un compte d’apprenant"
        in client.post(
            reverse("accounts:cohort_invite", args=[workshop.pk]), {"username": mediator.username}
        ).content.decode()
    )
    response = client.post(reverse("accounts:cohort_invite", args=[workshop.pk]), {"username": "AWA"})
    assert response.status_code == 302 and CohortInvitation.objects.filter(user=person, cohort=workshop).exists()
    assert not workshop.learners.filter(pk=person.pk).exists()  # not without the person's agreement

    client.logout()
    response = login(client, person)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:questions"))
    page = client.get(response.url).content.decode()
    assert "Rejoindre « Atelier du jeudi » ?" in page and mediator.display_name in page
    invitation = CohortInvitation.objects.get(user=person)
    response = client.post(
        reverse("accounts:questions"),
        {"invitation": invitation.pk, "answer": "accept", "next": "/comptes/tableau-de-bord/"},
    )
    assert workshop.learners.filter(pk=person.pk).exists() and not CohortInvitation.objects.exists()
    person.refresh_from_db()
    assert (
        not person.shares_progress and person.sharing_asked_at is not None
    )  # answered « no » by leaving the box unticked
    assert (
        client.get(response.url).url == "/comptes/tableau-de-bord/"
    )  # nothing left to ask: on to where they were going


def test_a_declined_invitation_leaves_the_person_out(client, mediator, workshop, resident):
    services.cohort_invite(cohort=workshop, username=resident.username, by=mediator)
    client.force_login(resident)
    invitation = CohortInvitation.objects.get()
    client.post(reverse("accounts:questions"), {"invitation": invitation.pk, "answer": "decline"})
    assert not workshop.learners.filter(pk=resident.pk).exists() and not CohortInvitation.objects.exists()
    other = make_user("other", Role.RESIDENT)
    invitation = services.cohort_invite(cohort=workshop, username=other.username, by=mediator)
    assert (
        client.post(reverse("accounts:questions"), {"invitation": invitation.pk, "answer": "accept"}).status_code == 404
    )  # not theirs


def test_residents_created_by_a_mediator_are_asked_once_then_their_progress_shows(
    client, mediator, workshop, basics_course
):
    from courses import services as courses_services

    person = make_user("josiane", Role.RESIDENT, first_name="Josiane")
    workshop.learners.add(person)
    courses_services.enrolment_create(user=person, course=basics_course)
    client.force_login(mediator)
    assert "Josiane" not in client.get(reverse("progress:accompaniment")).content.decode()  # not before agreeing

    client.logout()
    response = login(client, person)
    page = client.get(response.url).content.decode()
    assert "Votre médiateur peut-il voir votre progression ?" in page
    client.post(reverse("accounts:questions"), {"answer": "yes"})
    client.logout()
    assert login(client, person).url == reverse("accounts:dashboard")  # asked once

    client.force_login(mediator)
    page = client.get(reverse("progress:accompaniment")).content.decode()
    assert "Josiane" in page and basics_course.title in page and "activité" in page


def test_questions_never_redirect_elsewhere(client, resident, mediator, workshop):
    workshop.learners.add(resident)
    client.force_login(resident)
    response = client.post(reverse("accounts:questions"), {"answer": "no", "next": "https://evil.example/"})
    assert "evil" not in client.get(response.url).url
