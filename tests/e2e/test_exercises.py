"""Exercises in a real browser: checking and submitting code, a quiz, a trainer's review, accessibility and weight.

Grading goes through Celery made eager in the live server's process: the task runs
inside the request, when its transaction commits (`transaction.on_commit`), and the
learner's code still runs in the bubblewrap sandbox.
"""

import re

import pytest
from playwright.sync_api import expect

from courses.models import Enrolment, Module
from exercises import services
from exercises.models import Submission

from ..exercises.conftest import load_exercise
from .checks import assert_accessible, assert_light, type_code

pytestmark = pytest.mark.e2e

STARTER = "def moyenne(notes):\n    return sum(notes) / len(notes)\n"  # fails on an empty list
WRONG = "def moyenne(notes):\n    return 0\n"  # fails the public test
RIGHT = "def moyenne(notes):\n    if not notes:\n        return 0\n    return sum(notes) / len(notes)\n"
LINE_COMMENT = "Et si la liste est vide ?"
OVERRIDE_COMMENT = "Bonne démarche, il manque le cas de la liste vide."


@pytest.fixture
def module(basics_course):
    return Module.objects.get(course=basics_course, slug="module-1")


@pytest.fixture
def learner(trainee, cohort, basics_course):
    """Yanis, in the cohort of the trainer (who also wrote the course), enrolled in the course."""
    Enrolment.objects.create(user=trainee, course=basics_course)
    return trainee


@pytest.fixture
def python_exercise(module):
    return load_exercise(module, "moyenne")


@pytest.fixture
def quiz_exercise(module):
    return load_exercise(module, "quiz-arnaques")


@pytest.fixture
def reviewed_submission(learner, trainer, python_exercise, eager_celery):
    """A graded attempt (the starter: 2 tests out of 3) that the trainer commented on and rescored."""
    submission = services.submission_create(
        exercise=python_exercise,
        learner=learner,
        mode=Submission.Mode.SUBMIT,
        files={"notes.py": STARTER},
        language="fr",
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.FAILED, submission.result
    services.submission_comment_add(submission=submission, by=trainer, filename="notes.py", line=2, text=LINE_COMMENT)
    services.submission_override(submission=submission, by=trainer, score=0.8, comment=OVERRIDE_COMMENT)
    return submission


def answer_the_quiz_right(page):
    def question(text):
        return page.get_by_role("group", name=re.compile(text))

    question("Quelle adresse est celle d.un site officiel").get_by_label("www.impots.gouv.fr", exact=True).check()
    question("code secret par téléphone").get_by_label("Faux").check()
    question("Quel bouton permet").get_by_label("Votre réponse").fill("France Connect")
    question("Combien de caractères").get_by_label("Votre réponse (un nombre)").fill("12")
    alerts = question("Quels signes doivent alerter")
    alerts.get_by_label("Une urgence (« sous 24 h »)").check()
    alerts.get_by_label("Une demande de code").check()
    matching = question("Associez chaque site")
    matching.get_by_label("ameli.fr").select_option(label="Assurance maladie")
    matching.get_by_label("caf.fr").select_option(label="Allocations familiales")


# ---------------------------------------------------------------- the learner


def test_learner_checks_then_submits_python_code_without_a_page_reload(
    new_context, learner, python_exercise, eager_celery
):
    """« Vérifier » shows the failing public test and its message, « Soumettre » the success, both by htmx."""
    page = new_context(user=learner).new_page()
    page.goto(python_exercise.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Calculer une moyenne")
    expect(page.locator("#id_file_0")).to_have_value(STARTER)  # the form's field, under the code editor
    editor = page.get_by_role("textbox", name="notes.py")
    # A mark on the window survives an htmx swap, not a page load.
    page.evaluate("window.__notReloaded = true")

    type_code(page, editor, WRONG)
    page.get_by_role("button", name=re.compile(r"^Vérifier")).click()
    result = page.locator("#resultat")
    expect(result.locator(".result-title")).to_contain_text("Pas encore réussi", timeout=30_000)
    expect(result.locator(".result-title")).to_contain_text("tests publics")
    failed = result.locator(".test-failed")
    expect(failed).to_have_count(1)
    expect(failed).to_contain_text("✗ échoué moyenne([10, 20]) renvoie 15")
    expect(failed.locator(".test-message")).to_contain_text("la moyenne de 10 et 20 vaut 15")
    assert page.evaluate("window.__notReloaded") is True

    type_code(page, editor, RIGHT)
    page.get_by_role("button", name="Soumettre").click()
    expect(result.locator(".result-title")).to_contain_text("✓ Réussi", timeout=30_000)
    expect(result).to_contain_text("Score : 100 %")
    expect(result).to_contain_text("Bravo, tous les tests sont réussis !")
    expect(result.locator(".test-passed")).to_have_count(3)
    assert page.evaluate("window.__notReloaded") is True
    assert list(Submission.objects.filter(learner=learner).values_list("mode", "attempt", "status").order_by("pk")) == [
        ("check", 0, "failed"),
        ("submit", 1, "passed"),
    ]

    # The htmx swap replaces the result only: « Mes essais » shows the attempts after a page load.
    page.reload()
    history = page.get_by_role("table", name="Historique de vos essais")
    expect(history.locator("tbody tr")).to_have_count(2)
    expect(history.locator("tbody tr").nth(0)).to_contain_text(re.compile(r"Essai 1\s*Réussi\s*100 %"))
    expect(history.locator("tbody tr").nth(1)).to_contain_text(re.compile(r"Vérification\s*Pas encore réussi\s*0 %"))
    expect(page.locator("#id_file_0")).to_have_value(RIGHT)  # the last code sent comes back in the editor
    expect(editor).to_contain_text("if not notes:")
    assert page.context.errors == []


def test_learner_submits_python_code_without_javascript(new_context, learner, python_exercise, eager_celery):
    """Without JavaScript: a plain POST, then a redirect to the page with the result already graded."""
    page = new_context(user=learner, java_script_enabled=False).new_page()
    page.goto(python_exercise.get_absolute_url())
    page.get_by_label("notes.py").fill(RIGHT)
    page.get_by_role("button", name="Soumettre").click()

    submission = Submission.objects.get(learner=learner)
    expect(page).to_have_url(re.compile(rf"\?soumission={submission.pk}#resultat$"))
    result = page.locator("#resultat")
    expect(result.locator(".result-title")).to_contain_text("✓ Réussi")
    expect(result).to_contain_text("Score : 100 %")
    expect(page.locator("meta[http-equiv=refresh]")).to_have_count(0)  # nothing left pending
    history = page.get_by_role("table", name="Historique de vos essais")
    expect(history.locator("tbody tr")).to_have_count(1)
    expect(history).to_contain_text("Essai 1")


def test_learner_answers_a_quiz_right_with_every_kind_of_control(new_context, learner, quiz_exercise):
    """Radio buttons, checkboxes, text inputs and selects: all right, and the quiz says so."""
    page = new_context(user=learner).new_page()
    page.goto(quiz_exercise.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Repérer une arnaque")
    answer_the_quiz_right(page)
    page.get_by_role("button", name="Valider mes réponses").click()

    result = page.locator("#resultat")
    expect(result).to_contain_text("Bravo, toutes vos réponses sont justes !")
    expect(result).to_contain_text("Score : 100 %")
    expect(result.locator(".test-passed")).to_have_count(6)
    submission = Submission.objects.get(learner=learner)
    assert (submission.status, submission.score) == ("passed", 1.0)
    assert page.context.errors == []


# ---------------------------------------------------------------- the trainer


def test_trainer_reviews_a_submission_and_the_learner_reads_the_feedback(
    new_context, learner, trainer, python_exercise, quiz_exercise, eager_celery
):
    """Filter « Suivi des exercices », comment a line, change the score; the learner sees both."""
    services.submission_create(exercise=quiz_exercise, learner=learner, mode="submit", answers={}, language="fr")
    submission = services.submission_create(
        exercise=python_exercise, learner=learner, mode="submit", files={"notes.py": STARTER}, language="fr"
    )

    page = new_context(user=trainer).new_page()
    page.goto("/comptes/tableau-de-bord/")
    expect(page.locator(".bell .bell-count")).to_have_text("2")  # one line per exercise submitted
    page.get_by_role("link", name="Suivi des exercices").click()
    expect(page).to_have_url(re.compile(r"/exercices/suivi/$"))
    table = page.locator("table")
    expect(table.locator("caption")).to_have_text("2 soumissions")
    page.get_by_label("Exercice").select_option(label=f"{python_exercise.module.course.title} — Calculer une moyenne")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(rf"[?&]exercise={python_exercise.pk}(&|$)"))
    expect(table.locator("caption")).to_have_text("1 soumission")
    row = table.locator("tbody tr")
    expect(row).to_contain_text(re.compile(r"Yanis\s*Calculer une moyenne\s*Essai 1\s*Pas encore réussi\s*67 %"))
    row.get_by_role("link").click()

    expect(page).to_have_url(re.compile(rf"/exercices/soumissions/{submission.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Calculer une moyenne — Yanis")
    expect(page.locator("#f0-L2")).to_contain_text("return sum(notes) / len(notes)")
    page.get_by_label("Fichier").select_option("notes.py")
    page.get_by_label("Ligne").fill("2")
    page.get_by_label(re.compile(r"^Commentaire\W*$")).fill(LINE_COMMENT)  # not « Commentaire pour l’apprenant »
    page.get_by_role("button", name="Ajouter le commentaire").click()
    expect(page.locator(".messages")).to_contain_text("Commentaire ajouté.")
    expect(page.locator("#f0-L2 .line-comment")).to_have_text(f"Claire : {LINE_COMMENT}")

    page.get_by_label("Note retenue (en %)").fill("80")
    page.get_by_label(re.compile(r"^Commentaire pour l.apprenant")).fill(OVERRIDE_COMMENT)
    page.get_by_role("button", name="Enregistrer la note").click()
    expect(page.locator(".messages")).to_contain_text("Note enregistrée")
    expect(page.locator("main")).to_contain_text("Note du formateur : 80 % (Claire) — note automatique : 67 %")
    submission.refresh_from_db()
    assert (submission.override_score, submission.score, submission.overridden_by) == (0.8, 0.6667, trainer)
    page.goto(f"/exercices/suivi/?exercise={python_exercise.pk}")
    expect(table.locator("tbody tr")).to_contain_text(re.compile(r"80 %\s*note du formateur"))
    assert page.context.errors == []

    reader = new_context(user=learner).new_page()
    reader.goto("/comptes/tableau-de-bord/")  # the bell says it: the comment, the score
    bell = reader.get_by_role("link", name="Notifications 2 non lues")
    expect(bell.locator(".bell-count")).to_have_text("2")
    bell.click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Notifications")
    assert_accessible(reader, "notifications", reader.url)
    reader.get_by_role("button", name="Nouveau Claire a commenté votre travail « Calculer une moyenne ».").click()
    expect(reader).to_have_url(re.compile(rf"\?soumission={submission.pk}#resultat$"))
    expect(reader.locator(".bell .bell-count")).to_have_text("1")
    reader.goto(python_exercise.get_absolute_url())
    history = reader.get_by_role("table", name="Historique de vos essais")
    history.locator("tbody tr", has_text="Essai 1").get_by_role("link").click()
    expect(reader).to_have_url(re.compile(rf"\?soumission={submission.pk}#resultat$"))
    result = reader.locator("#resultat")
    expect(result).to_contain_text("Note de votre formateur : 80 %")
    expect(result).to_contain_text(OVERRIDE_COMMENT)
    expect(result).to_contain_text("Commentaires de votre formateur")
    expect(result).to_contain_text(f"notes.py, ligne 2 : {LINE_COMMENT}")
    assert reader.context.errors == []


# ---------------------------------------------------------------- accessibility, phones, weight


def _quiz_submission(learner, quiz_exercise):
    """A quiz answered wrong everywhere: feedback under every question."""
    return services.submission_create(
        exercise=quiz_exercise,
        learner=learner,
        mode="submit",
        language="fr",
        answers={"q0": "1", "q1": "true", "q2": "", "q3": "douze", "q4": ["2"], "q5": {"0": "1", "1": "0"}},
    )


# name: (who looks at it, its address from the reviewed Python submission and the quiz)
PAGES = {
    "exercise": ("learner", lambda s, quiz: f"{s.exercise.get_absolute_url()}?soumission={s.pk}#resultat"),
    "quiz": (
        "learner",
        lambda s, quiz: f"{quiz.get_absolute_url()}?soumission={_quiz_submission(s.learner, quiz).pk}#resultat",
    ),
    "review-list": ("trainer", lambda s, quiz: "/exercices/suivi/"),
    "submission-review": ("trainer", lambda s, quiz: f"/exercices/soumissions/{s.pk}/"),
    "quiz-review": ("trainer", lambda s, quiz: f"/exercices/soumissions/{_quiz_submission(s.learner, quiz).pk}/"),
    "exercise-editor": ("trainer", lambda s, quiz: f"/exercices/atelier/{s.exercise.pk}/"),
    "quiz-editor": ("trainer", lambda s, quiz: f"/exercices/atelier/{quiz.pk}/"),
}


@pytest.mark.parametrize("name", PAGES)
def test_exercise_page_has_no_wcag_aa_violation_and_fits_a_phone(
    new_context, reviewed_submission, quiz_exercise, learner, trainer, name
):
    """axe-core finds no WCAG 2.1 A/AA violation, on a desktop and at 360 px, where nothing scrolls sideways."""
    who, url_for = PAGES[name]
    url = url_for(reviewed_submission, quiz_exercise)
    page = new_context(user={"learner": learner, "trainer": trainer}[who]).new_page()
    assert page.goto(url).status == 200
    if name in ("exercise", "quiz"):
        expect(page.locator("#resultat .result")).to_be_visible()
    if name.endswith("-editor"):
        page.locator(".ck-editor__editable").wait_for()

    assert_accessible(page, name, url)


def test_exercise_page_weighs_at_most_100_kb_of_html_css_and_js(new_context, reviewed_submission, learner):
    """The learner's exercise page, with a result, history and feedback: at most 100 KB on a first visit."""
    url = f"{reviewed_submission.exercise.get_absolute_url()}?soumission={reviewed_submission.pk}"
    _page, editor = assert_light(new_context(user=learner).new_page(), "exercise", url)
    assert editor > 0  # a page with code has the code editor
