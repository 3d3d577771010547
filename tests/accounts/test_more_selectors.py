"""accounts.selectors (duplicate names, join codes, questions after login, indicator groups) and the
validation messages of accounts.forms, in French."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts import forms, selectors, services
from accounts.models import Cohort, CohortInvitation, Role, Site
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(mediation_site, mediator):
    return services.cohort_create(name="Atelier du mardi", site=mediation_site, trainer=mediator)


# ---------------------------------------------------------------- duplicate_names


def test_no_duplicate_in_new_distinct_names(cohort):
    assert selectors.duplicate_names(cohort=cohort, names=["Awa Diallo", "Nora Benali"]) == []


def test_a_name_listed_twice_is_reported_once_whatever_its_case_and_spaces(cohort):
    names = ["Léa Martin", "LÉA  martin", "Awa Diallo", "léa martin"]
    assert selectors.duplicate_names(cohort=cohort, names=names) == ["LÉA  martin", "léa martin"]


def test_the_same_spelling_listed_three_times_is_reported_once(cohort):
    assert selectors.duplicate_names(cohort=cohort, names=["Léa Martin"] * 3) == ["Léa Martin"]


def test_a_name_of_a_learner_already_in_the_cohort_is_reported(cohort, trainee):
    trainee.last_name = "Benali"
    trainee.save()
    assert selectors.duplicate_names(cohort=cohort, names=["yanis BENALI", "Awa Diallo"]) == ["yanis BENALI"]


def test_names_of_learners_of_other_cohorts_are_not_duplicates(cohort, other_cohort):
    assert selectors.duplicate_names(cohort=cohort, names=["Lina"]) == []  # Lina is in Promo B
    assert selectors.duplicate_names(cohort=other_cohort, names=["Lina"]) == ["Lina"]


# ---------------------------------------------------------------- join codes, mediators


def test_a_cohort_without_a_code_has_no_active_code(cohort):
    assert selectors.join_code_active(cohort) is False


def test_a_fresh_code_is_active_and_an_expired_one_is_not(cohort):
    services.join_code_issue(cohort=cohort)
    assert selectors.join_code_active(cohort) is True
    cohort.join_code_expires_at = timezone.now() - timedelta(minutes=1)
    assert selectors.join_code_active(cohort) is False


def test_a_code_without_expiry_is_not_active(cohort):
    cohort.join_code = "ABCDEF"
    assert selectors.join_code_active(cohort) is False


def test_a_group_has_a_mediator_only_when_one_runs_it(cohort, workshop, mediator):
    assert selectors.has_mediator(workshop) is True
    assert selectors.has_mediator(cohort) is False
    cohort.trainers.add(mediator)
    assert selectors.has_mediator(cohort) is True


# ---------------------------------------------------------------- questions_for


def test_nothing_is_asked_of_visitors_or_staff(trainer, mediator, workshop):
    CohortInvitation.objects.create(cohort=workshop, user=trainer)
    assert selectors.questions_for(AnonymousUser()) == {}
    assert selectors.questions_for(trainer) == {}


def test_nothing_is_asked_of_a_learner_without_invitation_or_mediator(trainee, cohort):
    assert selectors.questions_for(trainee) == {}


def test_pending_invitations_are_asked_oldest_first(resident, mediator, workshop, mediation_site):
    later = services.cohort_create(name="Atelier B", site=mediation_site, trainer=mediator)
    newer = CohortInvitation.objects.create(cohort=later, user=resident, invited_by=mediator)
    older = CohortInvitation.objects.create(
        cohort=workshop, user=resident, invited_by=mediator, created_at=timezone.now() - timedelta(days=1)
    )
    assert selectors.questions_for(resident) == {"invitations": [older, newer]}


def test_another_persons_invitation_is_not_asked(resident, trainee, mediator, workshop):
    CohortInvitation.objects.create(cohort=workshop, user=trainee, invited_by=mediator)
    assert selectors.questions_for(resident) == {}


def test_sharing_is_asked_of_a_member_of_a_mediators_group(resident, workshop):
    workshop.learners.add(resident)
    assert selectors.questions_for(resident) == {"sharing": True}


def test_sharing_is_asked_once(resident, workshop):
    workshop.learners.add(resident)
    services.sharing_set(user=resident, shares=False)
    assert selectors.questions_for(resident) == {}


def test_sharing_is_not_asked_of_someone_who_already_shares(resident, workshop):
    workshop.learners.add(resident)
    resident.shares_progress = True
    assert selectors.questions_for(resident) == {}


def test_sharing_is_not_asked_in_a_promo_run_by_trainers_only(trainee, cohort):
    assert cohort.learners.filter(pk=trainee.pk).exists()
    assert "sharing" not in selectors.questions_for(trainee)


# ---------------------------------------------------------------- indicators


@pytest.fixture
def population(school, mediation_site, trainer, trainee, other_trainee, resident, mediator, cohort, workshop):
    """Yanis and Lina are trainees of the school, Awa a resident of the mediation place, plus
    a learner without a place and an empty site."""
    workshop.learners.add(resident)
    nowhere = make_user("sans.lieu", Role.RESIDENT)
    empty = Site.objects.create(name="Lieu vide", kind=Site.Kind.MEDIATION)
    return {"nowhere": nowhere, "empty": empty}


def test_learners_by_site_leave_out_staff_and_people_without_a_place(
    population, school, mediation_site, trainee, other_trainee, resident
):
    names, members = selectors.groups_of_learners("site")
    empty = population["empty"]
    assert names == {school.pk: school.name, mediation_site.pk: mediation_site.name, empty.pk: "Lieu vide"}
    assert members == {school.pk: {trainee.pk, other_trainee.pk}, mediation_site.pk: {resident.pk}}


def test_learners_by_cohort_are_its_members(population, cohort, workshop, trainee, resident):
    names, members = selectors.groups_of_learners("cohort")
    assert names == {cohort.pk: "Promo A", workshop.pk: "Atelier du mardi"}
    assert members == {cohort.pk: {trainee.pk}, workshop.pk: {resident.pk}}


def test_sizes_by_site_count_learners_only_and_show_empty_sites(population, school, mediation_site):
    names, sizes = selectors.group_sizes("site")
    assert names[population["empty"].pk] == "Lieu vide"
    assert sizes == {school.pk: 2, mediation_site.pk: 1, population["empty"].pk: 0}


def test_sizes_by_cohort_count_each_member_once(population, cohort, workshop, other_trainee):
    cohort.learners.add(other_trainee)
    empty = Cohort.objects.create(name="Promo vide", site=cohort.site)
    names, sizes = selectors.group_sizes("cohort")
    assert names == {cohort.pk: "Promo A", workshop.pk: "Atelier du mardi", empty.pk: "Promo vide"}
    assert sizes == {cohort.pk: 2, workshop.pk: 1, empty.pk: 0}


# ---------------------------------------------------------------- forms


def test_bulk_names_are_trimmed_and_blank_lines_dropped(db):
    form = forms.BulkLearnersForm({"names": "  Awa   Diallo \n\n\tNora Benali\n"})
    assert form.is_valid() and form.cleaned_data["names"] == ["Awa Diallo", "Nora Benali"]


def test_a_bulk_name_over_120_characters_is_refused_showing_its_start(db):
    form = forms.BulkLearnersForm({"names": "Awa\n" + "X" * 121})
    assert not form.is_valid()
    assert form.errors["names"] == ["Ce nom est trop long : " + "X" * 40]


def test_sixty_names_are_accepted_at_once(db):
    assert forms.BulkLearnersForm({"names": "\n".join(f"Nom {i}" for i in range(60))}).is_valid()


def test_a_malformed_form_key_is_ignored(db):
    for key in ("../../etc", "ZZ" * 16, "ab" * 15):
        form = forms.BulkLearnersForm({"names": "Awa", "key": key})
        assert form.is_valid() and form.cleaned_data["key"] == "", key
    good = forms.BulkLearnersForm({"names": "Awa", "key": "ab" * 16})
    assert good.is_valid() and good.cleaned_data["key"] == "ab" * 16


def test_the_join_code_form_asks_for_the_code(db):
    assert forms.JoinCodeForm({"code": ""}).errors["code"] == ["Tapez le code du groupe."]


def test_the_invite_form_asks_for_the_username(db):
    assert forms.InviteForm({"username": ""}).errors["username"] == ["Indiquez l’identifiant de la personne."]


def test_a_deletion_request_needs_the_box_ticked(db):
    form = forms.DeletionRequestForm({"reason": "Je déménage"})
    assert form.errors == {"confirm": ["Ce champ est obligatoire."]}


def test_a_deletion_decision_must_be_one_of_the_two(db):
    assert "decision" in forms.DeletionDecisionForm({"decision": "peut-etre"}).errors
    assert forms.DeletionDecisionForm({"decision": "refuse"}).is_valid()


def test_a_name_needs_a_first_or_last_name(db):
    assert forms.NameForm({"first_name": " ", "last_name": "  "}).errors["__all__"] == [
        "Indiquez au moins un prénom ou un nom."
    ]
    assert forms.NameForm({"first_name": "", "last_name": "Diallo"}).is_valid()


def test_recovery_passwords_must_match(db):
    form = forms.RecoveryForm(
        {"username": "awa", "code": "AAAA", "password1": "Riviere-Calme-88", "password2": "Riviere-Calme-89"}
    )
    assert form.errors["__all__"] == ["Les deux mots de passe ne sont pas identiques."]


def test_a_short_recovery_password_is_refused_in_french(db):
    form = forms.RecoveryForm({"username": "awa", "code": "AAAA", "password1": "court", "password2": "court"})
    assert any("trop court" in message for message in form.errors["__all__"])


def test_a_trainer_creates_cohorts_only_on_their_own_site(trainer, school, mediation_site):
    form = forms.CohortForm(user=trainer)
    assert list(form.fields["site"].queryset) == [school]
    assert form.fields["kind"].initial == Cohort.Kind.PROMO


def test_a_mediators_form_proposes_a_workshop_and_a_coordinator_every_site(
    mediator, coordinator, school, mediation_site
):
    assert forms.CohortForm(user=mediator).fields["kind"].initial == Cohort.Kind.WORKSHOP
    assert set(forms.CohortForm(user=coordinator).fields["site"].queryset) == {school, mediation_site}
