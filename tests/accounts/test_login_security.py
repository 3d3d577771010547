"""Login cards and login limits: a lost card is useless once revoked; guessing is slow; a workshop is not locked out."""

import re

from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import Role

from ..conftest import make_user


def test_revoking_a_lost_card_makes_everything_printed_on_it_useless(client, trainer, cohort):
    card = services.learners_create(cohort=cohort, names=["Nora Benali"], by=trainer)[0]
    learner = card.user
    learner_browser = Client()
    assert _login(learner_browser, learner.username, card.password).status_code == 302
    assert learner_browser.get(reverse("accounts:dashboard")).status_code == 200

    client.force_login(trainer)
    response = client.post(reverse("accounts:login_links_revoke", args=[cohort.pk, learner.pk]), follow=True)
    assert "le mot de passe et le code QR imprimés ne fonctionnent plus" in response.content.decode()

    # The session opened with the card is over, the password and the QR link no longer work.
    response = learner_browser.get(reverse("accounts:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert _login(Client(), learner.username, card.password).status_code == 200  # the form again, refused
    assert Client().post(reverse("accounts:login_link", args=[card.token])).status_code == 410
    # A new card works.
    new = services.login_card_issue(learner=learner, by=trainer)
    assert _login(Client(), learner.username, new.password).status_code == 302


def test_login_card_passwords_are_easy_to_type_and_at_least_a_billion():
    assert len(services.WORDS) == len(set(services.WORDS))
    assert all(re.fullmatch(r"[a-z]{3,9}", word) for word in services.WORDS)
    assert len(services.WORDS) ** 3 * len(services.PASSWORD_NUMBERS) >= 10**9
    passwords = {services.easy_password() for _ in range(200)}
    assert all(re.fullmatch(r"[a-z]+-[a-z]+-[a-z]+-[1-9]\d\d", p) for p in passwords) and len(passwords) == 200


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_workshop_of_twenty_behind_one_address_is_not_locked_out(db, mediation_site):
    people = [make_user(f"habitant{n}", Role.RESIDENT, mediation_site) for n in range(20)]
    for person in people:  # everyone mistypes four times (one under the per-account limit)
        for _ in range(4):
            assert _login(Client(), person.username, "faux-mot-de-passe").status_code == 200
    for person in people:
        response = _login(Client(), person.username, "motdepasse-test")
        assert response.status_code == 302, person.username


def test_many_accounts_tried_from_one_address_lock_that_address(db, mediation_site, settings):
    victim = make_user("victime", Role.RESIDENT, mediation_site)
    for n in range(settings.LOGIN_NETWORK_FAILURE_LIMIT // 4):
        for _ in range(4):
            _login(Client(), f"inconnu{n}", "abeille-arbre-avion-123")
    response = _login(Client(), victim.username, "motdepasse-test")
    assert response.status_code == 200
    assert "Trop d&#x27;essais de connexion ont échoué depuis ce réseau" in response.content.decode()
    # Another address is not concerned.
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert _login(other, victim.username, "motdepasse-test").status_code == 302
