"""Discussions on work, end to end in Chromium: a trainer writes under a learner's attempt, the learner
sees the bell, opens the thread and replies (without JavaScript, at 360 px), the trainer is told."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import Module
from exercises.models import Submission

from ..exercises.conftest import load_exercise
from .checks import PHONE_WIDTH, assert_accessible

pytestmark = pytest.mark.e2e


@pytest.fixture
def attempt(web_course, trainee):
    exercise = load_exercise(Module.objects.filter(course=web_course).first(), "moyenne")
    return Submission.objects.create(
        exercise=exercise,
        learner=trainee,
        files={"notes.py": "def moyenne(notes):\n    return sum(notes) / len(notes)\n"},
        attempt=1,
        status="failed",
        score=0.67,
        final_score=0.67,
    )


def test_a_trainer_writes_the_learner_replies_from_the_bell_and_the_trainer_is_told(
    new_context, trainer, trainee, attempt
):
    staff = new_context(user=trainer).new_page()
    staff.goto(f"/exercices/soumissions/{attempt.pk}/")
    staff.get_by_role("link", name="Discussion avec Yanis sur cet essai").click()
    staff.get_by_label("Votre message").fill("Que renvoie votre fonction pour une liste **vide** ?")
    staff.get_by_role("button", name="Envoyer").click()
    expect(staff.locator(".messages")).to_contain_text("Message envoyé.")
    expect(staff.locator(".thread-entry")).to_have_count(1)
    expect(staff.locator(".thread-body strong")).to_have_text("vide")

    learner = new_context(user=trainee, java_script_enabled=False, viewport={"width": PHONE_WIDTH, "height": 740})
    page = learner.new_page()
    page.goto("/comptes/tableau-de-bord/")
    page.get_by_role("link", name="Notifications 1 non lue").click()
    page.get_by_role(
        "button", name=re.compile("Claire a écrit dans la discussion « Calculer une moyenne, essai 1 »")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Discussion")
    expect(page.locator(".thread-entry")).to_contain_text("Que renvoie votre fonction pour une liste vide ?")
    page.get_by_label("Votre message").fill("Elle plante : je renvoie 0 maintenant.")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator(".messages")).to_contain_text("Message envoyé.")
    expect(page.locator(".thread-entry")).to_have_count(2)
    expect(page.locator(".bell .bell-count")).to_have_count(0)  # read once opened
    assert learner.errors == []

    staff.goto("/comptes/tableau-de-bord/")
    expect(staff.locator(".bell .bell-count")).to_have_text("1")
    staff.locator(".bell").click()
    expect(staff.locator(".notification-unread")).to_contain_text(
        "Yanis a écrit dans la discussion « Calculer une moyenne, essai 1 »."
    )
    assert_accessible(staff, "notifications", staff.url)
    staff.goto(f"/discussions/{trainee.pk}/submission/{attempt.pk}/")
    assert_accessible(staff, "a discussion", staff.url)
    assert staff.context.errors == []
