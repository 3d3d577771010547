"""Back into an account (issue 13, item 6): change one's password, a recovery code given at sign-up
for people without e-mail, an e-mail link where an address exists, a new card from the trainer;
names corrected by the person and by their trainer."""

import re

from django.core import mail
from django.urls import reverse

from accounts.models import User

CODE = re.compile(r'<dd class="mono">([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</dd>')


def sign_up(client, username="nadia", password="Jardin-Bleu-2026"):
    return client.post(reverse("accounts:signup"), {"username": username, "password1": password, "password2": password})


def test_sign_up_shows_a_printable_recovery_code_kept_only_as_a_hash(client, db):
    response = sign_up(client)
    assert response.url == reverse("accounts:recovery_code")
    page = client.get(response.url).content.decode()
    code = CODE.search(page).group(1)
    assert (
        "data-print" in page and CODE.search(client.get(response.url).content.decode()).group(1) == code
    )  # reload: the same
    stored = User.objects.get(username="nadia").recovery_code
    assert stored and code not in stored and code.replace("-", "") not in stored


def test_a_forgotten_password_is_replaced_with_the_recovery_code_once(client, db):
    sign_up(client)
    code = CODE.search(client.get(reverse("accounts:recovery_code")).content.decode()).group(1)
    client.post(reverse("accounts:logout"))
    url = reverse("accounts:password_forgotten")
    data = {
        "username": "nadia",
        "code": code.lower().replace("-", " "),
        "password1": "Riviere-Calme-88",
        "password2": "Riviere-Calme-88",
    }
    response = client.post(url, data)
    assert response.url == reverse("accounts:recovery_code")
    new_code = CODE.search(client.get(response.url).content.decode()).group(1)
    assert new_code != code
    client.post(reverse("accounts:logout"))
    assert User.objects.get(username="nadia").check_password("Riviere-Calme-88")
    again = client.post(url, {**data, "password1": "Autre-Chemin-77", "password2": "Autre-Chemin-77"}).content.decode()
    assert "ne vont pas ensemble" in again  # a code serves once
    assert User.objects.get(username="nadia").check_password("Riviere-Calme-88")


def test_guessing_recovery_codes_is_locked_out_like_passwords(client, db, settings):
    sign_up(client)
    client.post(reverse("accounts:logout"))
    url = reverse("accounts:password_forgotten")
    wrong = {
        "username": "nadia",
        "code": "AAAA-BBBB-CCCC",
        "password1": "Riviere-Calme-88",
        "password2": "Riviere-Calme-88",
    }
    statuses = [client.post(url, wrong).status_code for _ in range(settings.AXES_FAILURE_LIMIT + 1)]
    assert statuses[-1] == 429 and "Trop d" in client.post(url, wrong).content.decode()


def test_a_learner_changes_the_password_from_my_account(client, resident):
    resident.set_password("Ancien-Mot-2026")
    resident.save()
    client.force_login(resident)
    page = client.get(reverse("accounts:my_account")).content.decode()
    assert reverse("accounts:password_change") in page and reverse("accounts:recovery_code") in page
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "Ancien-Mot-2026", "new_password1": "Nouveau-Mot-2026", "new_password2": "Nouveau-Mot-2026"},
    )
    assert response.url == reverse("accounts:password_change_done")
    resident.refresh_from_db()
    assert resident.check_password("Nouveau-Mot-2026")


def test_an_account_with_an_address_gets_a_reset_link_by_e_mail(client, resident):
    resident.email = "awa@example.org"
    resident.save()
    client.post(reverse("accounts:password_reset"), {"email": "awa@example.org"})
    assert len(mail.outbox) == 1 and "nouveau mot de passe" in mail.outbox[0].body
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session-bound URL
    client.post(form_url, {"new_password1": "Par-Courriel-2026", "new_password2": "Par-Courriel-2026"})
    resident.refresh_from_db()
    assert resident.check_password("Par-Courriel-2026")
    client.post(reverse("accounts:password_reset"), {"email": "personne@example.org"})
    assert len(mail.outbox) == 1  # no account, no mail, and nothing says so


def test_names_are_corrected_by_the_person_and_by_their_trainer(client, trainer, other_trainer, trainee, cohort):
    client.force_login(trainee)
    client.post(reverse("accounts:my_account"), {"first_name": "Yanis", "last_name": "Benali"})
    trainee.refresh_from_db()
    assert trainee.display_name == "Yanis Benali"
    client.force_login(trainer)
    url = reverse("accounts:learner_rename", args=[cohort.pk, trainee.pk])
    assert url in client.get(cohort.get_absolute_url()).content.decode()
    client.post(url, {"first_name": "Yanis", "last_name": "Ben Ali"})
    trainee.refresh_from_db()
    assert trainee.display_name == "Yanis Ben Ali"
    client.force_login(other_trainer)
    assert client.post(url, {"first_name": "X", "last_name": "Y"}).status_code == 404
    assert (
        "Indiquez au moins un prénom ou un nom"
        in client.post(reverse("accounts:my_account"), {"first_name": " ", "last_name": ""}).content.decode()
    )
