import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.middleware import LAST_SEEN
from accounts.models import DeletionRequest, LoginLink, Role, User
from courses.models import Enrolment, LessonCompletion


def test_a_resident_signs_up_without_an_email_address(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "fatou",
            "password1": "un-velo-bleu-42",
            "password2": "un-velo-bleu-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="fatou")
    assert user.role == Role.RESIDENT and user.email == ""
    assert user.password.startswith("md5$")  # the test hasher; production uses Argon2 (settings)


def test_signup_errors_are_shown_in_french(client, db):
    response = client.post(reverse("accounts:signup"), {"username": "x", "password1": "1234", "password2": "5678"})
    assert response.status_code == 200
    assert "Les deux mots de passe ne correspondent pas" in response.content.decode()


def test_production_hasher_is_argon2():
    from django.conf import settings as real

    # The autouse fixture swaps in MD5 for speed; the configured first hasher is Argon2.
    from config import settings as module

    assert module.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert real.AUTH_USER_MODEL == "accounts.User"


def test_login_on_a_shared_computer_gives_a_short_browser_session(client, resident):
    response = client.post(
        reverse("accounts:login"),
        {
            "username": "awa",
            "password": "motdepasse-test",
            "shared_computer": "on",
        },
    )
    assert response.status_code == 302
    assert client.session.get_expire_at_browser_close()
    assert response.cookies["tremplin_shared_device"].value == "1"
    page = client.get(reverse("accounts:dashboard"))
    assert "ordinateur partagé" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"


def test_shared_session_ends_after_inactivity(client, resident, settings):
    client.post(reverse("accounts:login"), {"username": "awa", "password": "motdepasse-test", "shared_computer": "on"})
    session = client.session
    session[LAST_SEEN] = session[LAST_SEEN] - settings.SHARED_COMPUTER_SESSION_AGE - 1
    session.save()
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_every_page_offers_i_am_not_x_to_learners_and_logout_forgets_everything(client, resident):
    client.force_login(resident)
    page = client.get(reverse("courses:catalogue")).content.decode()
    assert "Je ne suis pas Awa" in page
    response = client.post(reverse("accounts:logout"))
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    after = client.get(reverse("courses:catalogue")).content.decode()
    assert "Awa" not in after
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_login_is_locked_after_five_failures(client, resident):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "awa", "password": "faux"})
    response = client.post(reverse("accounts:login"), {"username": "awa", "password": "motdepasse-test"})
    assert response.status_code == 429
    assert "Trop d’essais" in response.content.decode()


def test_a_mediator_creates_accounts_in_bulk_and_gets_login_cards(client, mediator, mediation_site):
    cohort = services.cohort_create(name="Atelier", site=mediation_site, trainer=mediator)
    client.force_login(mediator)
    response = client.post(
        reverse("accounts:learners_create", args=[cohort.pk]), {"names": "Awa Diallo\n\nJosé Müller\n"}, follow=True
    )
    assert response.status_code == 200 and f"/promos/{cohort.pk}/cartes/" in response.redirect_chain[0][0]
    page = response.content.decode()
    created = list(cohort.learners.order_by("username"))
    assert [u.username for u in created] == ["awa.diallo", "jose.muller"]
    assert all(u.role == Role.RESIDENT for u in created)
    assert page.split("<main", 1)[1].count("<svg") == 2  # the login cards, the header's bell apart
    passwords = re.findall(r'<dd class="mono">([a-z]+-[a-z]+-[a-z]+-\d{3})</dd>', page)
    assert len(passwords) == 2
    assert User.objects.get(username="awa.diallo").check_password(passwords[0])


def test_trainer_creates_trainees_and_names_are_deduplicated(client, trainer, cohort):
    client.force_login(trainer)
    client.post(
        reverse("accounts:learners_create", args=[cohort.pk]),
        {"names": "Léa Martin\nLéa Martin", "allow_duplicates": "on"},
    )
    assert sorted(cohort.learners.filter(username__startswith="lea").values_list("username", "role")) == [
        ("lea.martin", Role.TRAINEE),
        ("lea.martin2", Role.TRAINEE),
    ]


def test_reloading_the_cards_page_creates_nothing_and_prints_the_same_cards(client, trainer, cohort):
    """A promo of 10 became 21: the cards page was the POST's answer, and a reload sent it again."""
    client.force_login(trainer)
    url = reverse("accounts:learners_create", args=[cohort.pk])
    form = client.get(url).content.decode()
    key = re.search(r'name="key" value="([0-9a-f]{32})"', form).group(1)
    before = cohort.learners.count()
    response = client.post(url, {"names": "Awa Diallo\nNora Benali", "key": key})
    cards_url = response.url
    first = client.get(cards_url).content.decode()
    again = client.get(cards_url).content.decode()  # a reload, a second print
    passwords = re.findall(r'<dd class="mono">([a-z]+-[a-z]+-[a-z]+-\d{3})</dd>', first)
    assert len(passwords) == 2 and passwords == re.findall(r'<dd class="mono">([a-z]+-[a-z]+-[a-z]+-\d{3})</dd>', again)
    assert client.post(url, {"names": "Awa Diallo\nNora Benali", "key": key}).url == cards_url  # the form sent twice
    assert cohort.learners.count() == before + 2
    assert User.objects.get(username="awa.diallo").check_password(passwords[0])
    # Another session (or two hours later) does not see the passwords.
    client.logout()
    client.force_login(trainer)
    assert client.get(cards_url).status_code == 302


def test_names_already_in_the_promo_or_listed_twice_are_flagged_before_anything_is_created(client, trainer, cohort):
    client.force_login(trainer)
    url = reverse("accounts:learners_create", args=[cohort.pk])
    existing = cohort.learners.first()
    same = " ".join(f"{existing.first_name} {existing.last_name.upper()}".split())
    listed = f"Léa Martin\n{same}\nléa  martin\nAwa Diallo"
    before = User.objects.count()
    page = client.post(url, {"names": listed}).content.decode()
    assert "Ces noms sont en double" in page and "<li>Awa Diallo</li>" not in page
    assert f"<li>{same}</li>" in page and "<li>léa martin</li>" in page and "Créer quand même" in page
    assert User.objects.count() == before
    client.post(url, {"names": listed, "allow_duplicates": "on"})
    assert User.objects.count() == before + 4


def test_a_trainer_removes_a_learner_from_the_promo_and_the_account_stays(client, trainer, cohort):
    learner = cohort.learners.first()
    client.force_login(trainer)
    detail = client.get(cohort.get_absolute_url()).content.decode()
    remove = reverse("accounts:learner_remove", args=[cohort.pk, learner.pk])
    assert f'href="{remove}"' in detail
    assert "ne fera plus partie de « " in client.get(remove).content.decode()
    assert cohort.learners.filter(pk=learner.pk).exists()  # asking changes nothing
    response = client.post(remove)
    assert response.status_code == 302 and not cohort.learners.filter(pk=learner.pk).exists()
    assert User.objects.filter(pk=learner.pk).exists()


def test_bulk_form_rejects_empty_and_oversized_lists(client, trainer, cohort):
    client.force_login(trainer)
    url = reverse("accounts:learners_create", args=[cohort.pk])
    assert "Indiquez au moins un nom" in client.post(url, {"names": "\n  \n"}).content.decode()
    assert "60 noms au plus" in client.post(url, {"names": "\n".join(f"P {i}" for i in range(61))}).content.decode()


def test_login_link_is_one_time(client, trainee, trainer):
    token = services.login_link_create(user=trainee, created_by=trainer)
    url = reverse("accounts:login_link", args=[token])
    assert client.get(url).status_code == 200  # a preview does not consume it
    assert client.post(url).status_code == 302
    assert int(client.session["_auth_user_id"]) == trainee.pk
    client.logout()
    assert client.post(url).status_code == 410


def test_expired_and_revoked_links_do_not_log_in(client, trainee, trainer):
    expired = services.login_link_create(user=trainee, created_by=trainer)
    LoginLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert services.login_link_use(expired) is None
    revoked = services.login_link_create(user=trainee, created_by=trainer)
    assert services.login_links_revoke(user=trainee) == 2  # the expired one is revoked too
    assert client.post(reverse("accounts:login_link", args=[revoked])).status_code == 410


def test_trainer_resets_a_password_with_a_new_card(client, trainer, trainee, cohort):
    client.force_login(trainer)
    old_token = services.login_link_create(user=trainee, created_by=trainer)
    response = client.post(reverse("accounts:login_cards", args=[cohort.pk]), {"learner": [trainee.pk]}, follow=True)
    password = re.search(r'<dd class="mono">([a-z]+-[a-z]+-[a-z]+-\d{3})</dd>', response.content.decode()).group(1)
    trainee.refresh_from_db()
    assert trainee.check_password(password)
    assert services.login_link_use(old_token) is None  # the previous card no longer works


def test_revoke_view_revokes_pending_links(client, trainer, trainee, cohort):
    services.login_link_create(user=trainee, created_by=trainer)
    client.force_login(trainer)
    client.post(reverse("accounts:login_links_revoke", args=[cohort.pk, trainee.pk]))
    assert not LoginLink.objects.filter(revoked_at__isnull=True).exists()


def test_learner_downloads_all_their_data(client, trainee, basics_course, first_lesson):
    Enrolment.objects.create(user=trainee, course=basics_course)
    LessonCompletion.objects.create(user=trainee, lesson=first_lesson)
    client.force_login(trainee)
    response = client.get(reverse("accounts:my_data_download"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("donnees.json"))
    sections = {s["key"]: s["records"] for s in data["sections"]}
    assert sections["compte"][0]["username"] == "yanis"
    assert sections["promos_apprenant"] == []
    assert sections["inscriptions"][0]["course"] == basics_course.title
    assert sections["lecons_terminees"][0]["lesson"] == first_lesson.title


def test_deletion_request_is_processed_by_a_coordinator(client, resident, coordinator, basics_course, first_lesson):
    LessonCompletion.objects.create(user=resident, lesson=first_lesson)
    client.force_login(resident)
    client.post(reverse("accounts:my_data"), {"reason": "Je déménage", "confirm": "on"})
    request = DeletionRequest.objects.get()
    assert request.status == "pending" and request.username == "awa"
    client.force_login(coordinator)
    assert "awa" in client.get(reverse("accounts:deletion_requests")).content.decode()
    client.post(reverse("accounts:deletion_request_process", args=[request.pk]), {"decision": "accept"})
    request.refresh_from_db()
    assert request.status == "done" and request.processed_by == coordinator
    assert not User.objects.filter(username="awa").exists()
    assert not LessonCompletion.objects.exists()


def test_deletion_request_needs_confirmation(client, resident):
    client.force_login(resident)
    response = client.post(reverse("accounts:my_data"), {"reason": ""})
    assert response.status_code == 200 and not DeletionRequest.objects.exists()


@pytest.mark.parametrize("count", [3, 30])
def test_cohort_list_uses_a_bounded_number_of_queries(client, trainer, school, count, django_assert_max_num_queries):
    for i in range(count):
        cohort = services.cohort_create(name=f"Promo {i}", site=school, trainer=trainer)
        cohort.learners.add(*[User.objects.create(username=f"u{i}-{j}") for j in range(3)])
    client.force_login(trainer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("accounts:cohort_list"))
    assert response.content.decode().count("Promo ") >= count


def test_cohort_page_uses_a_bounded_number_of_queries(client, trainer, cohort, django_assert_max_num_queries):
    cohort.learners.add(*[User.objects.create(username=f"learner{j}", role=Role.TRAINEE) for j in range(40)])
    client.force_login(trainer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("accounts:cohort_detail", args=[cohort.pk])).status_code == 200
