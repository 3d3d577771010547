"""The demo (`make run`): every indicator has figures, and running it again changes nothing."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_shows_every_indicator_and_is_idempotent(client, settings):
    settings.DEBUG = True
    call_command("load_framework", stdout=io.StringIO())  # as `make run` does, in this order
    call_command("import_course", "content", stdout=io.StringIO())
    call_command("import_positioning", "content", stdout=io.StringIO())
    seed()
    client.force_login(User.objects.get(username="coordinateur"))
    totals = {}
    for dimension in ("site", "cohort", "track"):
        data = client.get(reverse("progress:indicators"), {"par": dimension}).context["data"]
        assert len(data["rows"]) == 2, (dimension, [row["group"] for row in data["rows"]])  # web school and mediation
        cells = [cell for row in data["rows"] for cell in row["months"]]
        totals[dimension] = {
            key: sum(cell[key] for cell in cells) for key in ("lessons", "exercises", "acquired", "attestations")
        }
        assert all(totals[dimension].values()), (dimension, totals[dimension])
        assert sum(1 for cell in cells if cell["active"]) >= 6, dimension  # activity over several months
        assert sum(row["blocks_ready"] for row in data["rows"]) >= 2, dimension  # two front-end blocks validated
    # Everyone is in one site, one group and one track: the three views add up.
    assert totals["site"] == totals["cohort"] == totals["track"]
    people = User.objects.count()
    seed()
    assert User.objects.count() == people
    client.force_login(User.objects.get(username="coordinateur"))  # the demo passwords are set again
    again = client.get(reverse("progress:indicators"), {"par": "site"}).context["data"]
    assert {key: sum(c[key] for row in again["rows"] for c in row["months"]) for key in totals["site"]} == totals[
        "site"
    ]


def test_the_demo_mediator_follows_residents_who_share_and_their_advice(client, settings):
    settings.DEBUG = True
    call_command("import_course", "content", stdout=io.StringIO())
    call_command("import_positioning", "content", stdout=io.StringIO())
    seed()
    client.force_login(User.objects.get(username="mediateur"))
    page = client.get(reverse("progress:accompaniment")).content.decode()
    assert page.count("Test de positionnement du") == 3


def test_the_demo_has_a_signed_attendance_history(client, settings):
    """Last month's and this month's past sessions of the promo have their lists, signed; the demo trainee's
    monthly sheet has hours; running the command again adds nothing."""
    from attendance.models import Presence, Session

    settings.DEBUG = True
    seed()
    trainer = User.objects.get(username="formateur")
    promo = trainer.trained_cohorts.get()
    past = Session.objects.filter(cohort=promo, date__lt=timezone.localdate())
    assert past.exists() and not past.filter(signed_at__isnull=True).exists()
    assert {s.date.weekday() for s in past} <= {0, 1, 2, 3, 4}
    assert Session.objects.filter(cohort=promo, date__gte=timezone.localdate()).exists()  # the trainer opens a code
    statuses = set(Presence.objects.filter(session__cohort=promo).values_list("status", flat=True))
    assert statuses == {"present", "justifiee", "absence"}
    workshop = Session.objects.filter(cohort__name__startswith="Atelier du mardi")
    assert workshop.exists() and {s.date.weekday() for s in workshop} == {1}
    counts = (Session.objects.count(), Presence.objects.count())
    seed()
    assert (Session.objects.count(), Presence.objects.count()) == counts
    client.force_login(User.objects.get(username="stagiaire"))
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    sheet = client.get(reverse("attendance:my_month", args=[last_month])).context["sheet"]
    assert sheet.totals.present > 0 and sheet.signed == len(sheet.lines) > 0
