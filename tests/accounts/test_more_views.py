"""accounts.views: what each role sees, the French messages, redirects and what a POST changes in the
database; another cohort's objects answer 404, a page a role may not use 403 (as the code does)."""

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import Cohort, CohortInvitation, DeletionRequest, Role, User
from courses.models import Status
from tests.conftest import make_course, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_join_tries_left_over():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def workshop(mediation_site, mediator):
    return services.cohort_create(name="Atelier du mardi", site=mediation_site, trainer=mediator)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# ---------------------------------------------------------------- sign-up, login, own account


def test_a_signed_in_person_opening_signup_goes_to_the_dashboard(client, resident):
    client.force_login(resident)
    response = client.get(reverse("accounts:signup"))
    assert response.status_code == 302 and response.url == reverse("accounts:dashboard")


def test_a_signed_in_person_opening_login_goes_to_the_dashboard(client, resident):
    client.force_login(resident)
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 302 and response.url == reverse("accounts:dashboard")


def test_a_wrong_password_is_refused_in_french(client, resident):
    response = client.post(reverse("accounts:login"), {"username": "awa", "password": "faux"})
    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()


def test_login_with_a_pending_invitation_goes_to_the_questions_first(client, resident, mediator, workshop):
    services.cohort_invite(cohort=workshop, username="awa", by=mediator)
    response = client.post(reverse("accounts:login"), {"username": "awa", "password": "motdepasse-test"})
    assert response.url == f"{reverse('accounts:questions')}?next=%2Fcomptes%2Ftableau-de-bord%2F"


def test_login_without_the_shared_box_forgets_the_shared_computer_cookie(client, resident):
    client.cookies["tremplin_shared_device"] = "1"
    response = client.post(reverse("accounts:login"), {"username": "awa", "password": "motdepasse-test"})
    assert response.cookies["tremplin_shared_device"].value == ""
    assert not client.session.get_expire_at_browser_close()


def test_the_login_form_remembers_a_shared_computer(client, db):
    client.cookies["tremplin_shared_device"] = "1"
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'id="id_shared_computer" checked>' in page
    assert 'id="id_shared_computer" checked>' not in Client().get(reverse("accounts:login")).content.decode()


def test_a_card_link_on_a_shared_computer_gives_a_short_session(client, trainee, trainer):
    token = services.login_link_create(user=trainee, created_by=trainer)
    response = client.post(reverse("accounts:login_link", args=[token]), {"shared_computer": "on"})
    assert response.url == reverse("accounts:dashboard")
    assert response.cookies["tremplin_shared_device"].value == "1"
    assert client.session.get_expire_at_browser_close()


def test_a_card_link_with_a_pending_invitation_leads_to_the_questions(client, resident, mediator, workshop):
    services.cohort_invite(cohort=workshop, username="awa", by=mediator)
    token = services.login_link_create(user=resident, created_by=mediator)
    response = client.post(reverse("accounts:login_link", args=[token]))
    assert response.url.startswith(reverse("accounts:questions") + "?next=")


def test_a_used_card_link_explains_in_french(client, trainee, trainer):
    token = services.login_link_create(user=trainee, created_by=trainer)
    services.login_link_use(token)
    response = client.post(reverse("accounts:login_link", args=[token]))
    assert response.status_code == 410
    assert "Ce lien de connexion n’est plus valable (déjà utilisé, révoqué ou expiré)" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_asking_for_a_new_recovery_code_replaces_the_old_one(client, resident):
    client.force_login(resident)
    first = services.recovery_code_issue(user=resident)
    response = client.post(reverse("accounts:recovery_code"))
    assert response.url == reverse("accounts:recovery_code")
    page = client.get(reverse("accounts:recovery_code"))
    new = client.session["recovery_code"]
    assert new != first and new in page.content.decode() and "no-store" in page["Cache-Control"]
    assert services.recovery_code_reset(username="awa", code=first, password="Riviere-Calme-88") is None
    assert services.recovery_code_reset(username="awa", code=new, password="Riviere-Calme-88") is not None


def test_the_forgotten_password_form_shows_mismatched_passwords_in_french(client, resident):
    data = {"username": "awa", "code": "AAAA-BBBB-CCCC", "password1": "Riviere-Calme-88", "password2": "Autre-88"}
    response = client.post(reverse("accounts:password_forgotten"), data)
    assert "Les deux mots de passe ne sont pas identiques." in response.content.decode()
    resident.refresh_from_db()
    assert resident.check_password("motdepasse-test")


def test_my_account_shows_my_current_name_and_confirms_a_change(client, trainee):
    client.force_login(trainee)
    assert 'value="Yanis"' in client.get(reverse("accounts:my_account")).content.decode()
    response = client.post(reverse("accounts:my_account"), {"first_name": "Yanis", "last_name": "Benali"})
    assert response.url == reverse("accounts:my_account") and messages_of(response) == ["Votre nom est corrigé."]


# ---------------------------------------------------------------- dashboard


def test_a_learners_dashboard_offers_to_join_a_group(client, resident):
    client.force_login(resident)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Bonjour Awa" in page and f'href="{reverse("accounts:join")}"' in page
    assert "Mes promos et groupes" not in page


def test_a_trainers_dashboard_lists_their_cohorts_only(client, trainer, cohort, other_cohort):
    client.force_login(trainer)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Promo A" in page and "Promo B" not in page


def test_a_coordinator_sees_the_number_of_pending_deletion_requests(client, coordinator, resident, trainee):
    services.deletion_request_create(user=resident)
    refused = services.deletion_request_create(user=trainee)
    services.deletion_request_process(request=refused, by=coordinator, accept=False)
    client.force_login(coordinator)
    assert "1 demande de suppression en attente" in client.get(reverse("accounts:dashboard")).content.decode()


# ---------------------------------------------------------------- cohorts


def test_the_cohort_list_shows_own_cohorts_with_their_number_of_people(client, trainer, cohort, other_cohort):
    cohort.learners.add(make_user("nora", Role.TRAINEE))
    client.force_login(trainer)
    response = client.get(reverse("accounts:cohort_list"))
    assert [(c.name, c.learner_count) for c in response.context["cohorts"]] == [("Promo A", 2)]


def test_a_coordinator_lists_every_cohort(client, coordinator, cohort, other_cohort, workshop):
    client.force_login(coordinator)
    names = {c.name for c in client.get(reverse("accounts:cohort_list")).context["cohorts"]}
    assert names == {"Promo A", "Promo B", "Atelier du mardi"}


def test_a_trainer_creates_a_promo_and_runs_it(client, trainer, school):
    client.force_login(trainer)
    data = {"name": "Promo 2027", "kind": "promo", "site": school.pk}
    response = client.post(reverse("accounts:cohort_create"), data)
    cohort = Cohort.objects.get(name="Promo 2027")
    assert response.url == cohort.get_absolute_url() and messages_of(response) == ["Promo créée."]
    assert list(cohort.trainers.all()) == [trainer] and cohort.site == school


def test_a_mediator_creates_a_group_and_is_told_so(client, mediator, mediation_site):
    client.force_login(mediator)
    response = client.post(
        reverse("accounts:cohort_create"), {"name": "Atelier tablette", "kind": "atelier", "site": mediation_site.pk}
    )
    assert messages_of(response) == ["Groupe créé."]
    assert Cohort.objects.get(name="Atelier tablette").is_workshop


def test_a_trainer_cannot_create_a_cohort_on_another_site(client, trainer, mediation_site):
    client.force_login(trainer)
    response = client.post(
        reverse("accounts:cohort_create"), {"name": "Ailleurs", "kind": "promo", "site": mediation_site.pk}
    )
    assert response.status_code == 200 and "Sélectionnez un choix valide" in response.content.decode()
    assert not Cohort.objects.filter(name="Ailleurs").exists()


def test_a_cohort_without_a_name_is_refused_in_french(client, trainer, school):
    client.force_login(trainer)
    response = client.post(reverse("accounts:cohort_create"), {"name": "", "kind": "promo", "site": school.pk})
    assert "Ce champ est obligatoire." in response.content.decode() and not Cohort.objects.exists()


def test_the_cohort_page_shows_the_active_code_and_pending_invitations(client, trainer, cohort, resident):
    code = services.join_code_issue(cohort=cohort)
    services.cohort_invite(cohort=cohort, username="awa", by=trainer)
    client.force_login(trainer)
    page = client.get(cohort.get_absolute_url()).content.decode()
    assert f'<p class="join-code mono" aria-label="Code du groupe">{code}</p>' in page
    assert "Invitations en attente : Awa" in page and "Arrêter ce code" in page


def test_stopping_the_code_hides_it_and_says_so(client, trainer, cohort):
    code = services.join_code_issue(cohort=cohort)
    client.force_login(trainer)
    response = client.post(reverse("accounts:cohort_join_code", args=[cohort.pk]), {"action": "revoke"})
    assert response.url == f"{cohort.get_absolute_url()}#rejoindre"
    assert messages_of(response) == ["Le code ne permet plus de rejoindre le groupe."]
    page = client.get(cohort.get_absolute_url()).content.decode()
    assert code not in page and "Afficher un code pour rejoindre" in page


def test_a_new_code_from_the_cohort_page_replaces_the_old(client, trainer, cohort):
    old = services.join_code_issue(cohort=cohort)
    client.force_login(trainer)
    client.post(reverse("accounts:cohort_join_code", args=[cohort.pk]), {"action": "new"})
    cohort.refresh_from_db()
    assert cohort.join_code not in ("", old) and len(cohort.join_code) == 6


def test_another_trainer_cannot_create_learners_in_my_cohort(client, other_trainer, cohort):
    client.force_login(other_trainer)
    url = reverse("accounts:learners_create", args=[cohort.pk])
    assert client.post(url, {"names": "Intrus Un"}).status_code == 404
    assert not User.objects.filter(username="intrus.un").exists()


def test_printing_cards_without_choosing_anyone_says_so(client, trainer, cohort):
    client.force_login(trainer)
    response = client.post(reverse("accounts:login_cards", args=[cohort.pk]))
    assert response.url == cohort.get_absolute_url()
    assert messages_of(response) == ["Choisissez au moins un apprenant."]


def test_cards_are_not_printed_for_learners_of_another_cohort(client, trainer, cohort, other_trainee):
    client.force_login(trainer)
    response = client.post(reverse("accounts:login_cards", args=[cohort.pk]), {"learner": [other_trainee.pk]})
    assert messages_of(response) == ["Choisissez au moins un apprenant."]
    other_trainee.refresh_from_db()
    assert other_trainee.check_password("motdepasse-test")


def test_an_unknown_card_batch_sends_back_to_the_cohort_with_an_explanation(client, trainer, cohort):
    client.force_login(trainer)
    response = client.get(reverse("accounts:card_batch", args=[cohort.pk, "0" * 32]))
    assert response.url == cohort.get_absolute_url()
    assert messages_of(response)[0].startswith("Ces cartes ne sont plus affichées (2 heures après leur création")


def test_cards_made_for_one_cohort_are_not_shown_under_another(client, coordinator, cohort, other_cohort):
    client.force_login(coordinator)
    response = client.post(reverse("accounts:learners_create", args=[cohort.pk]), {"names": "Nora Benali"})
    batch = response.url.rstrip("/").rsplit("/", 1)[1]
    assert client.get(response.url).status_code == 200
    other = client.get(reverse("accounts:card_batch", args=[other_cohort.pk, batch]))
    assert other.status_code == 302 and other.url == other_cohort.get_absolute_url()


def test_removing_someone_who_is_not_in_the_cohort_is_not_found(client, trainer, cohort, other_cohort, other_trainee):
    client.force_login(trainer)
    assert client.post(reverse("accounts:learner_remove", args=[cohort.pk, other_trainee.pk])).status_code == 404
    assert other_cohort.learners.filter(pk=other_trainee.pk).exists()


def test_removing_a_learner_says_the_account_is_kept(client, trainer, trainee, cohort):
    client.force_login(trainer)
    response = client.post(reverse("accounts:learner_remove", args=[cohort.pk, trainee.pk]))
    assert messages_of(response) == [
        "Yanis ne fait plus partie de la promo Promo A. Son compte et son travail sont conservés."
    ]


def test_a_mediator_revokes_the_lost_card_of_any_participant_of_their_group(client, mediator, workshop):
    [card] = services.learners_create(cohort=workshop, names=["Josiane Leroy"], by=mediator)
    client.force_login(mediator)
    response = client.post(reverse("accounts:login_links_revoke", args=[workshop.pk, card.user.pk]))
    assert response.status_code == 302
    assert services.login_link_use(card.token) is None


def test_a_mediator_removes_a_duplicate_participant_from_their_group(client, mediator, workshop):
    [card] = services.learners_create(cohort=workshop, names=["Josiane Leroy"], by=mediator)
    client.force_login(mediator)
    response = client.post(reverse("accounts:learner_remove", args=[workshop.pk, card.user.pk]))
    assert response.status_code == 302 and not workshop.learners.filter(pk=card.user.pk).exists()


def test_a_mediator_prints_a_new_card_for_a_participant_who_does_not_share(client, mediator, workshop):
    [card] = services.learners_create(cohort=workshop, names=["Josiane Leroy"], by=mediator)
    client.force_login(mediator)
    response = client.post(reverse("accounts:login_cards", args=[workshop.pk]), {"learner": [card.user.pk]})
    assert response.url.startswith(reverse("accounts:login_cards", args=[workshop.pk]))
    assert services.login_link_use(card.token) is None  # the old card's link is revoked


def test_a_cohort_is_enrolled_in_a_published_course_and_removed(client, trainer, cohort, basics_course):
    client.force_login(trainer)
    url = reverse("accounts:cohort_course", args=[cohort.pk])
    response = client.post(url, {"course": basics_course.pk})
    assert messages_of(response) == ["La promo est inscrite à « Cours courriel »."]
    assert list(cohort.courses.all()) == [basics_course]
    response = client.post(url, {"course": basics_course.pk, "action": "remove"})
    assert messages_of(response)[-1:] == ["La promo n'est plus inscrite à « Cours courriel »."]
    assert not cohort.courses.exists()


def test_a_cohort_cannot_be_enrolled_in_a_draft_course(client, trainer, cohort, basics_track):
    draft = make_course(basics_track, "brouillon", status=Status.DRAFT)
    client.force_login(trainer)
    assert client.post(reverse("accounts:cohort_course", args=[cohort.pk]), {"course": draft.pk}).status_code == 404
    assert not cohort.courses.exists()


def test_a_learner_cannot_enrol_a_cohort(client, trainee, cohort, basics_course):
    client.force_login(trainee)
    response = client.post(reverse("accounts:cohort_course", args=[cohort.pk]), {"course": basics_course.pk})
    assert response.status_code == 403
    assert not cohort.courses.exists()


# ---------------------------------------------------------------- invitations and joining


def test_an_invitation_is_confirmed_to_the_trainer(client, trainer, cohort, resident):
    client.force_login(trainer)
    response = client.post(reverse("accounts:cohort_invite", args=[cohort.pk]), {"username": "awa"})
    assert response.url == f"{cohort.get_absolute_url()}#rejoindre"
    assert messages_of(response) == [
        "Invitation enregistrée : Awa la verra à sa prochaine connexion et pourra accepter ou refuser."
    ]


def test_inviting_a_member_shows_the_refusal_on_the_form(client, trainer, cohort):
    client.force_login(trainer)
    response = client.post(reverse("accounts:cohort_invite", args=[cohort.pk]), {"username": "yanis"})
    assert response.status_code == 200 and "Yanis fait déjà partie du groupe." in response.content.decode()
    assert not CohortInvitation.objects.exists()


def test_an_empty_code_is_asked_again_in_french(client, resident):
    client.force_login(resident)
    assert "Tapez le code du groupe." in client.post(reverse("accounts:join"), {"code": ""}).content.decode()


def test_joining_a_promo_shows_its_trainers_and_asks_nothing_about_sharing(client, trainer, cohort, other_trainee):
    code = services.join_code_issue(cohort=cohort)
    client.force_login(other_trainee)
    page = client.post(reverse("accounts:join"), {"code": code}).content.decode()
    assert "Rejoindre « Promo A » ?" in page and "Formateurs : Claire" in page and "shares_progress" not in page
    response = client.post(reverse("accounts:join"), {"code": code, "confirm": "1"})
    assert response.url == reverse("accounts:dashboard")
    assert messages_of(response) == ["Vous avez rejoint le groupe « Promo A »."]
    other_trainee.refresh_from_db()
    assert cohort.learners.filter(pk=other_trainee.pk).exists() and other_trainee.sharing_asked_at is None


def test_joining_a_workshop_without_ticking_the_box_shares_nothing(client, resident, workshop):
    code = services.join_code_issue(cohort=workshop)
    client.force_login(resident)
    client.post(reverse("accounts:join"), {"code": code, "confirm": "1"})
    resident.refresh_from_db()
    assert workshop.learners.filter(pk=resident.pk).exists()
    assert resident.shares_progress is False and resident.sharing_asked_at is not None


def test_a_member_typing_the_code_is_told_they_are_already_in(client, trainee, cohort):
    code = services.join_code_issue(cohort=cohort)
    client.force_login(trainee)
    page = client.post(reverse("accounts:join"), {"code": code, "confirm": "1"}).content.decode()
    assert "Vous faites déjà partie du groupe « Promo A »." in page


def test_questions_with_nothing_to_ask_go_on_to_the_next_page(client, trainee, cohort):
    client.force_login(trainee)
    response = client.get(reverse("accounts:questions"), {"next": "/cours/"})
    assert response.status_code == 302 and response.url == "/cours/"


def test_accepting_an_invitation_into_a_mediators_group_keeps_the_consent(client, resident, mediator, workshop):
    invitation = services.cohort_invite(cohort=workshop, username="awa", by=mediator)
    client.force_login(resident)
    response = client.post(
        reverse("accounts:questions"), {"invitation": invitation.pk, "answer": "accept", "shares_progress": "1"}
    )
    assert messages_of(response) == ["Vous avez rejoint le groupe « Atelier du mardi »."]
    resident.refresh_from_db()
    assert resident.shares_progress and workshop.learners.filter(pk=resident.pk).exists()


def test_accepting_an_invitation_when_already_a_member_drops_it(client, trainee, trainer, cohort):
    invitation = CohortInvitation.objects.create(cohort=cohort, user=trainee, invited_by=trainer)
    client.force_login(trainee)
    response = client.post(reverse("accounts:questions"), {"invitation": invitation.pk, "answer": "accept"})
    assert messages_of(response) == ["Vous faites déjà partie du groupe « Promo A »."]
    assert not CohortInvitation.objects.exists()


def test_declining_an_invitation_is_confirmed(client, resident, mediator, workshop):
    invitation = services.cohort_invite(cohort=workshop, username="awa", by=mediator)
    client.force_login(resident)
    response = client.post(reverse("accounts:questions"), {"invitation": invitation.pk, "answer": "decline"})
    assert messages_of(response) == ["Invitation refusée : vous ne faites pas partie du groupe « Atelier du mardi »."]


def test_the_sharing_question_waits_until_invitations_are_answered(
    client, resident, mediator, workshop, mediation_site
):
    workshop.learners.add(resident)
    other = services.cohort_create(name="Atelier B", site=mediation_site, trainer=mediator)
    services.cohort_invite(cohort=other, username="awa", by=mediator)
    client.force_login(resident)
    page = client.get(reverse("accounts:questions")).content.decode()
    assert "Rejoindre « Atelier B » ?" in page and "Votre médiateur peut-il voir votre progression ?" not in page


def test_answering_no_to_sharing_is_remembered(client, resident, workshop):
    workshop.learners.add(resident)
    client.force_login(resident)
    response = client.post(reverse("accounts:questions"), {"answer": "no", "next": "/cours/"})
    assert messages_of(response) == ["C’est noté. Vous pouvez changer d’avis dans « Mes réussites »."]
    assert client.get(response.url).url == "/cours/"
    resident.refresh_from_db()
    assert resident.shares_progress is False and resident.sharing_asked_at is not None


# ---------------------------------------------------------------- personal data


def test_a_pending_deletion_request_is_shown_instead_of_the_form(client, resident):
    client.force_login(resident)
    response = client.post(reverse("accounts:my_data"), {"reason": "Je déménage", "confirm": "on"})
    assert messages_of(response) == [
        "Votre demande de suppression est enregistrée. Un coordinateur la traitera sous un mois."
    ]
    page = client.get(reverse("accounts:my_data")).content.decode()
    assert "est en cours de traitement" in page and "Demander la suppression" not in page
    client.post(reverse("accounts:my_data"), {"reason": "Encore", "confirm": "on"})
    assert DeletionRequest.objects.count() == 1


def test_the_data_download_is_named_after_the_account(client, resident):
    client.force_login(resident)
    response = client.get(reverse("accounts:my_data_download"))
    assert response["Content-Disposition"] == 'attachment; filename="tremplin-awa.zip"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_decision_is_required_to_process_a_request(client, coordinator, resident):
    request = services.deletion_request_create(user=resident)
    client.force_login(coordinator)
    response = client.post(reverse("accounts:deletion_request_process", args=[request.pk]), {"comment": "?"})
    assert response.url == reverse("accounts:deletion_requests")
    assert messages_of(response) == ["Choisissez une décision."]
    request.refresh_from_db()
    assert request.status == "pending"


def test_a_coordinator_refuses_a_request_with_a_comment(client, coordinator, resident):
    request = services.deletion_request_create(user=resident)
    client.force_login(coordinator)
    response = client.post(
        reverse("accounts:deletion_request_process", args=[request.pk]), {"decision": "refuse", "comment": "Doublon"}
    )
    assert messages_of(response) == ["Demande de awa traitée."]
    request.refresh_from_db()
    assert (request.status, request.comment) == ("refused", "Doublon")
    assert User.objects.filter(pk=resident.pk).exists()


def test_processing_an_unknown_request_is_not_found(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("accounts:deletion_request_process", args=[999]), {"decision": "accept"})
    assert response.status_code == 404


def test_a_trainer_cannot_process_a_deletion_request(client, trainer, resident):
    request = services.deletion_request_create(user=resident)
    client.force_login(trainer)
    response = client.post(reverse("accounts:deletion_request_process", args=[request.pk]), {"decision": "accept"})
    assert response.status_code == 403 and User.objects.filter(pk=resident.pk).exists()


def test_processed_requests_show_the_deleted_account_without_its_name(client, coordinator, resident):
    request = services.deletion_request_create(user=resident, reason="Je déménage")
    services.deletion_request_process(request=request, by=coordinator, accept=True)
    client.force_login(coordinator)
    page = client.get(reverse("accounts:deletion_requests")).content.decode()
    assert "(compte supprimé)" in page and "Je déménage" not in page and "Compte supprimé" in page


def test_with_no_request_the_list_says_so(client, coordinator):
    client.force_login(coordinator)
    assert "Aucune demande." in client.get(reverse("accounts:deletion_requests")).content.decode()
