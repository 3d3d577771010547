"""accounts.services: learner accounts and login cards, joining a group (codes, invitations), sharing
progress with mediators, and deletion requests, checked on the real database."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from accounts import services
from accounts.models import Cohort, CohortInvitation, DeletionRequest, LoginLink, Role, User
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_join_tries_left_over():
    """Wrong join codes are counted in the cache, keyed by user id: never carried from another test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def workshop(mediation_site, mediator):
    return services.cohort_create(name="Atelier du mardi", site=mediation_site, trainer=mediator)


# ---------------------------------------------------------------- learner accounts and cards


def test_learners_created_by_a_trainer_are_trainees_of_the_cohorts_site(trainer, cohort, school):
    cards = services.learners_create(cohort=cohort, names=["Nora Benali", "Samir"], by=trainer)
    people = {card.user.username: card.user for card in cards}
    assert set(people) == {"nora.benali", "samir"}
    assert {(u.role, u.site_id) for u in people.values()} == {(Role.TRAINEE, school.pk)}
    assert (people["nora.benali"].first_name, people["nora.benali"].last_name) == ("Nora", "Benali")
    assert (people["samir"].first_name, people["samir"].last_name) == ("Samir", "")
    assert set(cohort.learners.values_list("username", flat=True)) == {"yanis", "nora.benali", "samir"}


def test_learners_created_by_a_mediator_are_residents(mediator, workshop):
    [card] = services.learners_create(cohort=workshop, names=["Josiane Leroy"], by=mediator)
    assert card.user.role == Role.RESIDENT
    assert workshop.learners.filter(pk=card.user.pk).exists()


def test_each_new_learner_card_holds_a_working_password_and_a_one_time_link(trainer, cohort):
    [card] = services.learners_create(cohort=cohort, names=["Nora Benali"], by=trainer)
    card.user.refresh_from_db()
    assert card.user.check_password(card.password)
    link = LoginLink.objects.get(user=card.user)
    assert link.created_by == trainer and link.is_usable
    assert services.login_link_use(card.token) == card.user


def test_a_username_already_taken_gets_a_number(trainer, cohort, resident):
    """The resident fixture is « awa »: a new Awa gets « awa2 », the next « awa3 »."""
    cards = services.learners_create(cohort=cohort, names=["Awa", "AWA"], by=trainer)
    assert [card.user.username for card in cards] == ["awa2", "awa3"]


def test_usernames_drop_accents_and_fall_back_when_nothing_is_left(trainer, cohort):
    cards = services.learners_create(cohort=cohort, names=["Élodie Çelik", "李 小龙"], by=trainer)
    assert [card.user.username for card in cards] == ["elodie.celik", "apprenant"]
    assert cards[1].user.first_name == "李"


def test_a_new_card_replaces_the_password_and_revokes_older_links(trainer, trainee):
    first = services.login_card_issue(learner=trainee, by=trainer)
    second = services.login_card_issue(learner=trainee, by=trainer)
    trainee.refresh_from_db()
    assert not trainee.check_password(first.password) and trainee.check_password(second.password)
    assert services.login_link_use(first.token) is None
    assert services.login_link_use(second.token) == trainee


def test_a_revoked_card_leaves_no_usable_password_and_counts_the_links_revoked(trainer, trainee):
    card = services.login_card_issue(learner=trainee, by=trainer)
    assert services.login_card_revoke(learner=trainee, by=trainer) == 1
    trainee.refresh_from_db()
    assert not trainee.has_usable_password() and not trainee.check_password(card.password)
    assert LoginLink.objects.get(user=trainee).revoked_at is not None


def test_a_login_link_of_a_deactivated_account_does_not_log_in(trainer, trainee):
    token = services.login_link_create(user=trainee, created_by=trainer)
    User.objects.filter(pk=trainee.pk).update(is_active=False)
    assert services.login_link_use(token) is None
    assert LoginLink.objects.get(user=trainee).used_at is None  # not consumed either


def test_a_name_is_stored_stripped(trainee):
    services.user_rename(user=trainee, first_name="  Yanis ", last_name=" Ben Ali  ")
    trainee.refresh_from_db()
    assert (trainee.first_name, trainee.last_name) == ("Yanis", "Ben Ali")


def test_a_recovery_code_does_not_open_a_deactivated_account(resident):
    code = services.recovery_code_issue(user=resident)
    User.objects.filter(pk=resident.pk).update(is_active=False)
    assert services.recovery_code_reset(username="awa", code=code, password="Nouveau-Chemin-26") is None


def test_a_recovery_code_of_another_person_is_refused(resident, trainee):
    code = services.recovery_code_issue(user=resident)
    assert services.recovery_code_reset(username=trainee.username, code=code, password="Nouveau-Chemin-26") is None
    trainee.refresh_from_db()
    assert trainee.check_password("motdepasse-test")


# ---------------------------------------------------------------- cohorts


def test_a_mediators_group_is_a_workshop_and_a_trainers_a_promo(mediator, trainer, mediation_site, school):
    assert services.cohort_create(name="G", site=mediation_site, trainer=mediator).kind == Cohort.Kind.WORKSHOP
    promo = services.cohort_create(name="P", site=school, trainer=trainer)
    assert promo.kind == Cohort.Kind.PROMO and list(promo.trainers.all()) == [trainer]


def test_an_explicit_kind_is_kept(trainer, school):
    group = services.cohort_create(name="Atelier", site=school, trainer=trainer, kind=Cohort.Kind.WORKSHOP)
    assert group.kind == Cohort.Kind.WORKSHOP


def test_removing_a_learner_keeps_the_account_and_other_cohorts(trainer, trainee, cohort, other_cohort):
    other_cohort.learners.add(trainee)
    services.learner_remove(cohort=cohort, learner=trainee, by=trainer)
    assert not cohort.learners.filter(pk=trainee.pk).exists()
    assert other_cohort.learners.filter(pk=trainee.pk).exists() and User.objects.filter(pk=trainee.pk).exists()


def test_staff_see_their_own_cohorts_by_name_and_coordinators_all(trainer, coordinator, cohort, other_cohort, school):
    later = services.cohort_create(name="Aa promo", site=school, trainer=trainer)
    assert list(services.cohorts_for_staff(trainer)) == [later, cohort]
    assert set(services.cohorts_for_staff(coordinator)) == {later, cohort, other_cohort}


def test_a_learner_has_no_staff_cohort_list(trainee):
    with pytest.raises(PermissionDenied):
        services.cohorts_for_staff(trainee)


def test_another_trainers_cohort_is_not_found(other_trainer, coordinator, cohort):
    with pytest.raises(Http404):
        services.access_cohort(other_trainer, cohort.pk)
    assert services.access_cohort(coordinator, cohort.pk) == cohort
    with pytest.raises(Http404):
        services.access_cohort(coordinator, cohort.pk + 1000)


# ---------------------------------------------------------------- join codes


def test_a_join_code_has_six_unambiguous_characters_and_lasts_a_week(cohort):
    before = timezone.now()
    code = services.join_code_issue(cohort=cohort)
    cohort.refresh_from_db()
    assert cohort.join_code == code and len(code) == 6
    assert set(code) <= set(services.JOIN_CODE_ALPHABET) and not set(code) & set("01OIL")
    assert before + timedelta(days=7) <= cohort.join_code_expires_at <= timezone.now() + timedelta(days=7)


def test_a_new_join_code_stops_the_previous_one(trainee, cohort, workshop):
    old = services.join_code_issue(cohort=workshop)
    new = services.join_code_issue(cohort=workshop)
    assert old != new
    with pytest.raises(services.JoinRefused):
        services.cohort_by_join_code(user=trainee, code=old)
    assert services.cohort_by_join_code(user=trainee, code=new) == workshop


def test_a_join_code_is_read_without_case_spaces_or_dashes(resident, workshop):
    code = services.join_code_issue(cohort=workshop)
    assert services.cohort_by_join_code(user=resident, code=f" {code[:3].lower()}-{code[3:]} ") == workshop


def test_an_expired_join_code_is_refused_in_french(resident, workshop):
    code = services.join_code_issue(cohort=workshop)
    Cohort.objects.filter(pk=workshop.pk).update(join_code_expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(services.JoinRefused, match="ne correspond à aucun groupe, ou il n’est plus valable"):
        services.cohort_by_join_code(user=resident, code=code)


def test_a_revoked_join_code_is_refused(resident, workshop):
    code = services.join_code_issue(cohort=workshop)
    services.join_code_revoke(cohort=workshop)
    workshop.refresh_from_db()
    assert (workshop.join_code, workshop.join_code_expires_at) == ("", None)
    with pytest.raises(services.JoinRefused):
        services.cohort_by_join_code(user=resident, code=code)


def test_an_empty_code_is_refused_and_counted_as_a_wrong_try(resident):
    with pytest.raises(services.JoinRefused):
        services.cohort_by_join_code(user=resident, code="  -  ")
    assert cache.get(f"join-code-tries:{resident.pk}") == 1


def test_after_ten_wrong_codes_even_the_right_one_is_refused_for_that_person(resident, trainee, workshop):
    code = services.join_code_issue(cohort=workshop)
    for _ in range(services.JOIN_TRIES_PER_HOUR - 1):
        with pytest.raises(services.JoinRefused):
            services.cohort_by_join_code(user=resident, code="ZZZZZZ")
    assert services.cohort_by_join_code(user=resident, code=code) == workshop  # nine wrong tries: still allowed
    with pytest.raises(services.JoinRefused):
        services.cohort_by_join_code(user=resident, code="ZZZZZZ")
    with pytest.raises(services.JoinRefused, match="Trop de codes erronés"):
        services.cohort_by_join_code(user=resident, code=code)
    assert services.cohort_by_join_code(user=trainee, code=code) == workshop  # another person is not concerned


def test_a_member_typing_the_code_again_is_told_so(trainee, cohort):
    code = services.join_code_issue(cohort=cohort)
    with pytest.raises(services.JoinRefused, match="Vous faites déjà partie du groupe « Promo A »."):
        services.cohort_by_join_code(user=trainee, code=code)


# ---------------------------------------------------------------- joining and invitations


def test_joining_without_the_sharing_question_leaves_it_unanswered(trainee, other_cohort):
    services.cohort_join(user=trainee, cohort=other_cohort)
    trainee.refresh_from_db()
    assert other_cohort.learners.filter(pk=trainee.pk).exists()
    assert (trainee.shares_progress, trainee.sharing_asked_at) == (False, None)


def test_joining_keeps_the_answer_to_the_sharing_question(resident, workshop):
    services.cohort_join(user=resident, cohort=workshop, shares_progress=True)
    resident.refresh_from_db()
    assert resident.shares_progress and resident.sharing_asked_at is not None


def test_joining_removes_the_invitation_into_that_group_only(resident, mediator, workshop, mediation_site):
    other = services.cohort_create(name="Atelier du vendredi", site=mediation_site, trainer=mediator)
    services.cohort_invite(cohort=workshop, username="awa", by=mediator)
    services.cohort_invite(cohort=other, username="awa", by=mediator)
    services.cohort_join(user=resident, cohort=workshop, shares_progress=False)
    assert list(CohortInvitation.objects.values_list("cohort__name", flat=True)) == ["Atelier du vendredi"]


def test_staff_cannot_join_a_group_as_learners(trainer, workshop):
    with pytest.raises(services.JoinRefused, match="Seuls les comptes d’apprenants"):
        services.cohort_join(user=trainer, cohort=workshop)
    assert not workshop.learners.filter(pk=trainer.pk).exists()


def test_an_invitation_finds_the_username_whatever_its_case_and_spaces(resident, mediator, workshop):
    invitation = services.cohort_invite(cohort=workshop, username="  AwA ", by=mediator)
    assert (invitation.user, invitation.cohort, invitation.invited_by) == (resident, workshop, mediator)


def test_inviting_twice_keeps_one_invitation_from_the_first_sender(resident, mediator, coordinator, workshop):
    first = services.cohort_invite(cohort=workshop, username="awa", by=mediator)
    again = services.cohort_invite(cohort=workshop, username="awa", by=coordinator)
    assert again.pk == first.pk and again.invited_by == mediator
    assert CohortInvitation.objects.count() == 1


def test_inviting_a_member_is_refused_with_their_name(trainer, trainee, cohort):
    with pytest.raises(services.JoinRefused, match="Yanis fait déjà partie du groupe."):
        services.cohort_invite(cohort=cohort, username="yanis", by=trainer)


def test_inviting_an_unknown_or_staff_account_is_refused(trainer, other_trainer, cohort):
    with pytest.raises(services.JoinRefused, match="Aucun compte n’a l’identifiant « personne »."):
        services.cohort_invite(cohort=cohort, username="personne", by=trainer)
    with pytest.raises(services.JoinRefused, match="« marc » n’est pas un compte d’apprenant."):
        services.cohort_invite(cohort=cohort, username="marc", by=trainer)
    assert not CohortInvitation.objects.exists()


def test_a_person_declines_only_their_own_invitation(resident, trainee, mediator, workshop):
    mine = services.cohort_invite(cohort=workshop, username="awa", by=mediator)
    theirs = services.cohort_invite(cohort=workshop, username="yanis", by=mediator)
    services.invitation_decline(user=resident, pk=theirs.pk)
    assert set(CohortInvitation.objects.values_list("pk", flat=True)) == {mine.pk, theirs.pk}
    services.invitation_decline(user=resident, pk=mine.pk)
    assert list(CohortInvitation.objects.values_list("pk", flat=True)) == [theirs.pk]


# ---------------------------------------------------------------- sharing progress with mediators


def test_saying_no_to_sharing_is_remembered_as_an_answer(resident):
    services.sharing_set(user=resident, shares=False)
    stored = User.objects.get(pk=resident.pk)
    assert stored.shares_progress is False and stored.sharing_asked_at is not None
    assert resident.sharing_asked_at == stored.sharing_asked_at  # the object in hand is up to date too


def test_a_mediator_accompanies_only_the_members_of_their_groups_who_agreed(mediator, workshop, mediation_site):
    zoe = make_user("zoe", Role.RESIDENT, mediation_site, first_name="Zoé", shares_progress=True)
    bruno = make_user("bruno", Role.RESIDENT, mediation_site, first_name="Bruno", shares_progress=True)
    anne = make_user("anne", Role.RESIDENT, mediation_site, first_name="Anne", shares_progress=False)
    outsider = make_user("omar", Role.RESIDENT, mediation_site, first_name="Omar", shares_progress=True)
    workshop.learners.add(zoe, bruno, anne)
    other = services.cohort_create(name="Autre atelier", site=mediation_site, trainer=make_user("leo", Role.MEDIATOR))
    other.learners.add(outsider)
    assert services.accompanied_people(mediator) == [bruno, zoe]  # by first name


def test_accompanied_people_with_the_same_first_name_are_ordered_by_username(mediator, workshop, mediation_site):
    late = make_user("sami.z", Role.RESIDENT, mediation_site, first_name="Sami", shares_progress=True)
    early = make_user("sami.a", Role.RESIDENT, mediation_site, first_name="Sami", shares_progress=True)
    workshop.learners.add(late, early)
    assert services.accompanied_people(mediator) == [early, late]


def test_a_trainer_sees_the_work_of_every_learner_of_their_cohorts(
    trainer, trainee, other_trainee, cohort, other_cohort
):
    assert services.may_see_learner_work(trainer, trainee)
    assert not services.may_see_learner_work(trainer, other_trainee)
    assert set(services.learners_visible_to(trainer)) == {trainee}  # shares_progress plays no part


def test_a_learner_sees_only_their_own_work_and_a_coordinator_everyones(trainee, other_trainee, coordinator, cohort):
    assert set(services.learners_visible_to(trainee)) == {trainee}
    assert not services.may_see_learner_work(trainee, other_trainee)
    assert services.may_see_learner_work(coordinator, other_trainee)
    assert set(services.learners_visible_to(coordinator)) == set(User.objects.all())


# ---------------------------------------------------------------- deletion requests


def test_asking_twice_keeps_the_first_pending_request_and_its_reason(resident):
    first = services.deletion_request_create(user=resident, reason="Je déménage")
    again = services.deletion_request_create(user=resident, reason="Autre motif")
    assert again.pk == first.pk and DeletionRequest.objects.get().reason == "Je déménage"


def test_after_a_refusal_a_new_request_can_be_made(resident, coordinator):
    first = services.deletion_request_create(user=resident)
    services.deletion_request_process(request=first, by=coordinator, accept=False, comment="Compte encore utile")
    second = services.deletion_request_create(user=resident, reason="Toujours")
    assert second.pk != first.pk and second.status == DeletionRequest.Status.PENDING


def test_a_refused_request_keeps_the_account_with_the_coordinators_comment(resident, coordinator):
    request = services.deletion_request_create(user=resident)
    assert services.deletion_request_process(request=request, by=coordinator, accept=False, comment="Doublon")
    request.refresh_from_db()
    assert (request.status, request.comment, request.processed_by) == ("refused", "Doublon", coordinator)
    assert request.processed_at is not None and User.objects.filter(pk=resident.pk).exists()


def test_only_a_coordinator_processes_a_deletion_request(resident, trainer):
    request = services.deletion_request_create(user=resident)
    with pytest.raises(PermissionDenied):
        services.deletion_request_process(request=request, by=trainer, accept=True)
    request.refresh_from_db()
    assert request.status == "pending" and User.objects.filter(pk=resident.pk).exists()


def test_a_request_is_processed_once(resident, coordinator):
    request = services.deletion_request_create(user=resident)
    assert services.deletion_request_process(request=request, by=coordinator, accept=False)
    assert not services.deletion_request_process(request=request, by=coordinator, accept=True)
    request.refresh_from_db()
    assert request.status == "refused" and User.objects.filter(pk=resident.pk).exists()


def test_accepting_deletes_the_account_and_anonymises_the_request(resident, coordinator, workshop, mediator):
    workshop.learners.add(resident)
    services.login_card_issue(learner=resident, by=mediator)
    request = services.deletion_request_create(user=resident, reason="Je déménage")
    assert services.deletion_request_process(request=request, by=coordinator, accept=True)
    assert not User.objects.filter(username="awa").exists() and not LoginLink.objects.exists()
    request.refresh_from_db()
    assert (request.status, request.user, request.username, request.reason) == ("done", None, "", "")


def test_a_member_of_the_group_is_found_for_managing_it_whatever_they_share(workshop, resident):
    workshop.learners.add(resident)
    assert not resident.shares_progress
    assert services.access_member(workshop, resident.pk) == resident


def test_someone_outside_the_group_is_not_found_for_managing_it(workshop, trainee):
    with pytest.raises(Http404):
        services.access_member(workshop, trainee.pk)
