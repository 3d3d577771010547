"""Attendance (émargement): sessions per group, learners sign in with the trainer's short-lived code (or
its QR), the trainer completes and signs the list, monthly sheets per learner and per group in HTML, PDF
and CSV with the hours; the estimated time on the platform stays apart. Nobody sees another's attendance."""

import datetime
import io

import pypdf
import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.models import Cohort, Role
from attendance import services
from attendance.models import Presence, Session
from progress.models import ActivityMonth
from tests.conftest import make_user

DAY = datetime.date(2026, 12, 7)  # a Monday
MONTH = DAY.replace(day=1)
MORNING = (datetime.time(9, 0), datetime.time(12, 30))


def page(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    return " ".join(text.split())  # cells wrap: one space between words


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def session(cohort, trainer):
    return Session.objects.create(
        cohort=cohort,
        date=DAY,
        half_day="matin",
        starts_at=MORNING[0],
        ends_at=MORNING[1],
        place="Salle 2",
        trainer=trainer,
    )


@pytest.fixture
def afternoon(cohort, trainer):
    return Session.objects.create(
        cohort=cohort,
        date=DAY,
        half_day="apres-midi",
        starts_at=datetime.time(13, 30),
        ends_at=datetime.time(17, 0),
        trainer=trainer,
    )


def sign(client, code, **extra):
    return client.post(reverse("attendance:mine"), {"code": code, **extra})


# ---------------------------------------------------------------- planning


def test_a_trainer_plans_every_weekday_morning_of_two_weeks(client, trainer, cohort):
    client.force_login(trainer)
    response = client.post(
        reverse("attendance:cohort_sessions", args=[cohort.pk]),
        {
            "date": "2026-12-07",
            "half_day": "matin",
            "starts_at": "",
            "ends_at": "",
            "place": "Salle 2",
            "trainer": trainer.pk,
            "repeat_until": "2026-12-18",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("attendance:cohort_month", args=[cohort.pk, MONTH])
    sessions = list(Session.objects.filter(cohort=cohort))
    assert [s.date.day for s in sessions] == [7, 8, 9, 10, 11, 14, 15, 16, 17, 18]  # no weekend
    assert {(s.starts_at, s.ends_at, s.minutes) for s in sessions} == {(*MORNING, 210)}
    # Again, with the afternoon of the 7th and the same mornings: the existing ones stay as they are.
    client.post(
        reverse("attendance:cohort_sessions", args=[cohort.pk]),
        {
            "date": "2026-12-07",
            "half_day": "matin",
            "starts_at": "08:30",
            "ends_at": "12:00",
            "place": "",
            "repeat_until": "2026-12-08",
        },
    )
    assert Session.objects.filter(cohort=cohort).count() == 10
    assert Session.objects.get(cohort=cohort, date=DAY).starts_at == MORNING[0]
    month = page(client.get(response["Location"]))
    assert len(month.select("table")[0].select("tbody tr")) == 10


def test_a_session_that_ends_before_it_starts_is_refused_with_a_clear_error(client, trainer, cohort):
    client.force_login(trainer)
    response = client.post(
        reverse("attendance:cohort_sessions", args=[cohort.pk]),
        {
            "date": "2026-12-07",
            "half_day": "matin",
            "starts_at": "12:00",
            "ends_at": "09:00",
            "repeat_until": "2026-12-01",
        },
    )
    assert response.status_code == 400
    text = page(response).get_text()
    assert "La fin doit venir après le début." in text
    assert "Cette date vient avant celle de la première séance." in text
    assert not Session.objects.exists()


# ---------------------------------------------------------------- signing in


def test_a_learner_signs_in_with_the_code_the_trainer_shows(client, trainer, trainee, session):
    client.force_login(trainer)
    client.post(reverse("attendance:session_code", args=[session.pk]), {"action": "new"})
    session.refresh_from_db()
    assert len(session.code) == 6 and session.code.isdigit()
    shown = page(client.get(reverse("attendance:session", args=[session.pk])))
    assert shown.select_one(".code-digits").get_text() == f"{session.code[:3]} {session.code[3:]}"
    assert shown.select_one(".qr svg title").get_text() == "Code QR pour signer sa présence à cette séance"

    client.force_login(trainee)
    dashboard = page(client.get(reverse("accounts:dashboard")))
    assert "Une séance de votre groupe est ouverte" in dashboard.get_text()
    response = sign(client, f" {session.code[:3]} {session.code[3:]} ")
    assert response.status_code == 302
    presence = Presence.objects.get(session=session, learner=trainee)
    assert (presence.status, presence.minutes, presence.method) == ("present", 210, "code")
    assert presence.signed_at is not None
    mine = client.get(reverse("attendance:mine"))
    assert "Présence enregistrée : Promo A" in mine.content.decode()
    assert "Une séance de votre groupe est ouverte" not in mine.content.decode()
    assert sign(client, session.code).status_code == 302  # again: nothing changes
    assert Presence.objects.filter(session=session).count() == 1

    client.force_login(trainer)
    live = client.get(reverse("attendance:session_signed_in", args=[session.pk]), headers={"HX-Request": "true"})
    assert "1 personne sur 1 a signé elle-même" in live.content.decode()
    assert trainee.display_name in live.content.decode()


def test_the_qr_code_opens_the_page_with_the_code_typed(client, trainer, trainee, session):
    code = services.code_open(session=session)
    client.force_login(trainee)
    form = page(client.get(reverse("attendance:mine") + f"?code={code}"))
    assert form.select_one("#id_code")["value"] == code
    assert form.select_one("#id_qr")["value"] == "True"
    sign(client, code, qr="True")
    assert Presence.objects.get(learner=trainee).method == "qr"


def test_wrong_expired_and_foreign_codes_are_refused_and_guessing_stops(
    client, trainee, session, other_cohort, other_trainer
):
    client.force_login(trainee)
    response = sign(client, "12345")
    assert response.status_code == 400
    assert "Ce code ne correspond à aucune séance ouverte" in page(response).select_one(".errorlist").get_text()

    other = Session.objects.create(
        cohort=other_cohort, date=DAY, half_day="matin", starts_at=MORNING[0], ends_at=MORNING[1]
    )
    response = sign(client, services.code_open(session=other))
    assert "d’un groupe dont vous ne faites pas partie" in response.content.decode()
    assert not Presence.objects.exists()

    code = services.code_open(session=session)
    Session.objects.filter(pk=session.pk).update(code_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert "plus valable" in sign(client, code).content.decode()

    code = services.code_open(session=session)
    for _ in range(services.SIGN_TRIES_PER_HOUR):
        sign(client, "000000" if code != "000000" else "111111")
    response = sign(client, code)  # the right code, too late
    assert "Trop de codes erronés" in response.content.decode()
    assert not Presence.objects.exists()


def test_staff_cannot_sign_in_as_a_learner(client, trainer, session):
    code = services.code_open(session=session)
    client.force_login(trainer)
    assert client.post(reverse("attendance:mine"), {"code": code}).status_code == 302  # to their groups
    assert not Presence.objects.exists()


# ---------------------------------------------------------------- the trainer's list and signature


def roster_post(session, learner, status, minutes="", reason="", comment=""):
    key = learner.pk
    return {f"status-{key}": status, f"minutes-{key}": minutes, f"reason-{key}": reason, f"comment-{key}": comment}


def test_the_trainer_completes_the_list_signs_it_and_a_change_unsigns_it(
    client, trainer, trainee, other_trainee, cohort, session
):
    cohort.learners.add(other_trainee)
    client.force_login(trainer)
    url = reverse("attendance:session", args=[session.pk])
    response = client.post(
        url, {**roster_post(session, trainee, "present", "150"), **roster_post(session, other_trainee, "justifiee")}
    )
    assert response.status_code == 400
    assert "Une absence justifiée a un motif." in page(response).get_text()
    assert not Presence.objects.exists()

    client.post(reverse("attendance:session_sign", args=[session.pk]))
    session.refresh_from_db()
    assert session.signed_at is None  # not everyone is noted

    client.post(
        url,
        {
            **roster_post(session, trainee, "present", "150"),
            **roster_post(session, other_trainee, "justifiee", reason="rendez-vous", comment="Pôle emploi"),
        },
    )
    late = Presence.objects.get(learner=trainee)
    assert (late.status, late.minutes, late.method, late.marked_by) == ("present", 150, "formateur", trainer)
    excused = Presence.objects.get(learner=other_trainee)
    assert (excused.status, excused.minutes, excused.reason, excused.comment) == (
        "justifiee",
        0,
        "rendez-vous",
        "Pôle emploi",
    )

    client.post(reverse("attendance:session_sign", args=[session.pk]))
    session.refresh_from_db()
    assert session.signed_by == trainer and session.signed_by_name == "Claire"
    assert "Liste signée par Claire" in client.get(url).content.decode()

    client.post(
        url,
        {
            **roster_post(session, trainee, "present", "210"),
            **roster_post(session, other_trainee, "justifiee", reason="rendez-vous", comment="Pôle emploi"),
        },
    )
    session.refresh_from_db()
    assert session.signed_at is None  # changed after signing: to sign again


def test_changing_a_sessions_times_keeps_whole_presences_whole(trainer, trainee, session):
    services.presences_mark(session=session, by=trainer, rows={trainee: ("present", None, "", "")})
    assert Presence.objects.get().minutes == 210
    services.session_update(
        session=session, place="Salle 3", trainer=trainer, starts_at=datetime.time(9), ends_at=datetime.time(12)
    )
    assert Presence.objects.get().minutes == 180


# ---------------------------------------------------------------- monthly sheets


@pytest.fixture
def month_of_work(trainer, trainee, other_trainee, cohort, session, afternoon):
    cohort.learners.add(other_trainee)
    services.presence_sign(user=trainee, code=services.code_open(session=session))
    services.presences_mark(session=session, by=trainer, rows={other_trainee: ("absence", None, "", "")})
    services.session_sign(session=session, by=trainer, learners=[trainee, other_trainee])
    services.presences_mark(
        session=afternoon,
        by=trainer,
        rows={trainee: ("present", 120, "", "parti à 15 h 30"), other_trainee: ("justifiee", None, "maladie", "")},
    )
    ActivityMonth.objects.create(user=trainee, month=MONTH, minutes=95)


def test_the_learners_monthly_pdf_shows_the_hours_and_signatures(client, trainee, month_of_work):
    client.force_login(trainee)
    html = page(client.get(reverse("attendance:my_month", args=[MONTH])))
    totals = {
        dt.get_text(): dd.get_text()
        for dt, dd in zip(html.select(".totals dt"), html.select(".totals dd"), strict=True)
    }
    assert totals == {
        "Heures prévues": "7 h",
        "Présence": "5 h 30",
        "Absences justifiées": "0 h",
        "Absences non justifiées": "0 h",
        "Non noté": "0 h",
    }
    assert "Temps estimé sur la plateforme ce mois-ci : 1 h 35" in html.get_text()

    text = pdf_text(client.get(reverse("attendance:my_month_pdf", args=[MONTH])))
    assert "Feuille d’émargement — décembre 2026" in text
    assert "Apprenant : Yanis (yanis)" in text
    assert "présence : 5 h 30" in text and "Heures prévues : 7 h" in text
    assert "Claire, le" in text and "Non signée" in text  # the morning signed, the afternoon not yet
    assert "Signé à" in text and "(code tapé)" in text and "Noté par le formateur" in text
    assert "Temps estimé sur la plateforme ce mois-ci : 1 h 35" in text

    csv = client.get(reverse("attendance:my_month_csv", args=[MONTH])).content.decode("utf-8-sig").splitlines()
    assert csv[0].startswith("Date;Demi-journée;Début;Fin;Groupe;Lieu;Formateur;Présence")
    assert csv[1].split(";")[:4] == ["2026-12-07", "Matin", "09:00", "12:30"]
    assert csv[1].split(";")[10:12] == ["3,50", "3,50"]
    assert csv[2].split(";")[10:12] == ["3,50", "2,00"]


def test_the_groups_monthly_sheet_in_html_pdf_and_csv(client, trainer, trainee, other_trainee, cohort, month_of_work):
    client.force_login(trainer)
    html = page(client.get(reverse("attendance:cohort_month", args=[cohort.pk, MONTH])))
    rows = {
        r.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in r.select("td")]
        for r in html.select("table")[1].select("tbody tr")
    }
    assert rows["Yanis"] == ["5 h 30 / 7 h", "0 h", "0 h", "0 h", "1 h 35"]
    assert rows["Lina"] == ["0 h / 7 h", "3 h 30", "3 h 30", "0 h", "0 h"]

    text = pdf_text(client.get(reverse("attendance:cohort_month_pdf", args=[cohort.pk, MONTH])))
    assert "Feuille d’émargement de la promo — décembre 2026" in text
    assert "Séances signées par le formateur : 1 sur 2." in text
    assert "1 / 2" in text and "Yanis" in text and "Lina" in text

    csv = (
        client.get(reverse("attendance:cohort_month_csv", args=[cohort.pk, MONTH]))
        .content.decode("utf-8-sig")
        .splitlines()
    )
    assert csv[1:] == ["Lina;lina;2;7,00;0,00;3,50;3,50;0,00;0,00", "Yanis;yanis;2;7,00;5,50;0,00;0,00;0,00;1,58"]


def test_sheets_are_in_english_for_an_english_reader(client, trainee, month_of_work):
    client.force_login(trainee)
    client.post(reverse("set_language"), {"language": "en"})
    text = pdf_text(client.get(reverse("attendance:my_month_pdf", args=[MONTH])))
    assert "Attendance sheet — December 2026" in text


def test_a_names_formula_is_neutralised_in_the_csv(client, trainer, trainee, cohort, month_of_work):
    trainee.first_name = '=HYPERLINK("http://x")'
    trainee.save()
    client.force_login(trainer)
    csv = client.get(reverse("attendance:cohort_month_csv", args=[cohort.pk, MONTH])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv


# ---------------------------------------------------------------- who sees what


def test_nobody_sees_another_persons_attendance(
    client, trainee, other_trainee, other_trainer, coordinator, cohort, session, month_of_work
):
    urls = [
        reverse("attendance:session", args=[session.pk]),
        reverse("attendance:session_signed_in", args=[session.pk]),
        reverse("attendance:cohort_month", args=[cohort.pk, MONTH]),
        reverse("attendance:cohort_month_pdf", args=[cohort.pk, MONTH]),
        reverse("attendance:cohort_month_csv", args=[cohort.pk, MONTH]),
        reverse("attendance:learner_month", args=[cohort.pk, MONTH, trainee.pk]),
        reverse("attendance:learner_month_pdf", args=[cohort.pk, MONTH, trainee.pk]),
        reverse("attendance:learner_month_csv", args=[cohort.pk, MONTH, trainee.pk]),
    ]
    posts = [
        reverse("attendance:session_code", args=[session.pk]),
        reverse("attendance:session_sign", args=[session.pk]),
        reverse("attendance:session_edit", args=[session.pk]),
        reverse("attendance:session_delete", args=[session.pk]),
        reverse("attendance:cohort_sessions", args=[cohort.pk]),
    ]
    client.force_login(other_trainee)  # a learner of the promo: only their own sheet
    for url in urls + posts:
        assert client.get(url).status_code in (403, 405), url
    assert client.post(posts[0]).status_code == 403
    own = client.get(reverse("attendance:my_month", args=[MONTH])).content.decode()
    assert "Yanis" not in own and "parti à 15 h 30" not in own
    client.force_login(other_trainer)  # another promo's trainer
    for url in urls:
        assert client.get(url).status_code == 404, url
    for url in posts:
        assert client.post(url).status_code == 404, url
    assert Session.objects.filter(pk=session.pk, code="").exists()
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to the login page
    client.force_login(coordinator)
    assert client.get(urls[5]).status_code == 200
    # A learner of the promo asking for someone else's sheet by changing the address: there is no such address.
    client.force_login(trainee)
    assert client.get(reverse("attendance:learner_month", args=[cohort.pk, MONTH, other_trainee.pk])).status_code == 403


def test_a_mediator_sees_only_the_participants_who_share(client, mediator, resident, mediation_site):
    group = Cohort.objects.create(name="Atelier du mardi", site=mediation_site, kind=Cohort.Kind.WORKSHOP)
    group.trainers.add(mediator)
    shy = make_user("mo", Role.RESIDENT, mediation_site, first_name="Mo")
    group.learners.add(resident, shy)
    workshop = Session.objects.create(
        cohort=group, date=DAY, half_day="matin", starts_at=MORNING[0], ends_at=MORNING[1]
    )
    services.presence_sign(user=shy, code=services.code_open(session=workshop))  # shy signs in with the code
    client.force_login(mediator)
    roster = page(client.get(reverse("attendance:session", args=[workshop.pk])))
    assert [th.get_text(strip=True) for th in roster.select(".roster tbody th")] == []
    assert (
        "2 participants n’ont pas accepté" in roster.get_text()
        and "Mo" not in roster.select_one("#signed-in").get_text()
    )
    assert client.get(reverse("attendance:learner_month", args=[group.pk, MONTH, resident.pk])).status_code == 404
    assert "Mo;" not in client.get(reverse("attendance:cohort_month_csv", args=[group.pk, MONTH])).content.decode()

    resident.shares_progress = True
    resident.save()
    roster = page(client.get(reverse("attendance:session", args=[workshop.pk])))
    assert [th.get_text(" ", strip=True) for th in roster.select(".roster tbody th")] == ["Awa"]
    assert client.get(reverse("attendance:learner_month", args=[group.pk, MONTH, resident.pk])).status_code == 200
    assert client.get(reverse("attendance:learner_month", args=[group.pk, MONTH, shy.pk])).status_code == 404
    # The mediator can sign the list of those they see; the others signed in themselves.
    client.post(reverse("attendance:session", args=[workshop.pk]), roster_post(workshop, resident, "present"))
    client.post(reverse("attendance:session_sign", args=[workshop.pk]))
    workshop.refresh_from_db()
    assert workshop.signed_by == mediator


def test_the_attendance_is_in_the_personal_data_export(client, trainee, month_of_work):
    import json
    import zipfile

    client.force_login(trainee)
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("accounts:my_data_download")).content))
    data = json.loads(archive.read("donnees.json"))
    section = next(s for s in data["sections"] if s["key"] == "emargement")
    assert [r["minutes"] for r in section["records"]] == [210, 120]


def test_pages_use_a_bounded_number_of_queries(client, trainer, trainee, cohort, django_assert_max_num_queries):
    for day in range(1, 29):
        Session.objects.create(
            cohort=cohort, date=MONTH.replace(day=day), half_day="matin", starts_at=MORNING[0], ends_at=MORNING[1]
        )
    for n in range(20):
        cohort.learners.add(make_user(f"learner{n}", Role.TRAINEE))
    client.force_login(trainer)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("attendance:cohort_month", args=[cohort.pk, MONTH])).status_code == 200
    session = Session.objects.filter(cohort=cohort).first()
    with django_assert_max_num_queries(14):
        assert client.get(reverse("attendance:session", args=[session.pk])).status_code == 200
    client.force_login(trainee)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("attendance:mine")).status_code == 200


def test_sessions_still_to_come_are_not_counted_as_missed(client, trainer, trainee, cohort):
    """In the middle of a month the sheet says what was done: a session to come with nothing noted is « À
    venir », out of the hours; « Mon émargement » shows what was done and the coming week only."""
    today = timezone.localdate()
    month = today.replace(day=1)
    past = Session.objects.create(cohort=cohort, date=today, half_day="matin", starts_at=MORNING[0], ends_at=MORNING[1])
    soon = today + datetime.timedelta(days=3)
    far = today + datetime.timedelta(days=20)
    for day in (soon, far):
        Session.objects.create(
            cohort=cohort, date=day, half_day="apres-midi", starts_at=datetime.time(14), ends_at=datetime.time(17)
        )
    services.presences_mark(session=past, by=trainer, rows={trainee: ("present", None, "", "")})
    client.force_login(trainee)
    sheet = client.get(reverse("attendance:my_month", args=[month])).context["sheet"]
    upcoming = [line.session.date for line in sheet.lines if line.upcoming]
    assert upcoming == [d for d in (soon, far) if d.replace(day=1) == month]
    assert (sheet.totals.sessions, sheet.totals.planned, sheet.totals.unrecorded) == (1, 210, 0)
    assert sheet.totals.upcoming == len(upcoming)
    mine = client.get(reverse("attendance:mine")).context["sheet"]
    assert far not in [line.session.date for line in mine.lines]
    if upcoming:
        assert "À venir" in client.get(reverse("attendance:my_month", args=[month])).content.decode()
        text = pdf_text(client.get(reverse("attendance:my_month_pdf", args=[month])))
        assert "À venir" in text and "Heures prévues : 3 h 30" in text
