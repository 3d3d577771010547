"""Each role's day in a real browser, on a phone (360 px) and on a desktop (1280 px).

Every page visited has no WCAG 2.1 A/AA violation (axe) at the journey's width, nothing wider
than the screen, and no JavaScript or CSP error. Grading runs in the live server's process
(`eager_celery`), the learners' code in the bubblewrap sandbox.

The first journey that imports the École du web courses grades their reference solutions
(about half a minute); the grades are cached for the rest of the session.
"""

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accounts import services as accounts_services
from accounts.models import Role, User
from courses import services as courses_services
from courses.models import Enrolment, Lesson, Module
from exercises import services as exercises_services
from exercises.kinds.quiz.grader import right_answers
from exercises.models import Exercise, Submission
from progress import services as progress_services
from progress.frameworks import default_files, load_framework
from progress.models import Attestation, Competence, CompetenceProgress

from ..conftest import make_user
from ..exercises.conftest import load_exercise
from .checks import PHONE_WIDTH, WCAG_AA, type_code

pytestmark = pytest.mark.e2e

CONTENT = Path(__file__).resolve().parents[2] / "content"
WIDTHS = [PHONE_WIDTH, 1280]
GRADING = 30_000  # ms: a sandboxed run, a headless browser for web pages, a notebook kernel


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def width(request):
    return request.param


@pytest.fixture
def open_page(new_context, width):
    """Factory: a page of a new browser context, `width` pixels wide, signed in as `user` if given."""

    def make(user=None):
        return new_context(user=user, viewport={"width": width, "height": 800}).new_page()

    return make


def assert_page_ok(page, name):
    """No axe violation at the page's own width, nothing wider than it, no script error so far."""
    width = page.viewport_size["width"]
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{name} ({page.url}) at {width} px:\n{results.generate_report()}"
    scroll_width, too_wide = page.evaluate(
        """() => [document.documentElement.scrollWidth,
                  [...document.querySelectorAll('body *')]
                    .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                    .slice(0, 5).map(el => el.outerHTML.slice(0, 120))]"""
    )
    assert scroll_width <= width, f"{name} ({page.url}) is {scroll_width} px wide at {width} px: {too_wide}"
    assert page.context.errors == [], f"{name} ({page.url}): {page.context.errors}"


def heading(page):
    return page.get_by_role("heading", level=1)


def nav_link(page, name):
    return page.get_by_role("navigation", name="Menu principal").get_by_role("link", name=name, exact=True)


def import_courses(*slugs):
    for slug in slugs:
        call_command("import_course", str(CONTENT / slug), stdout=io.StringIO())


# ---------------------------------------------------------------- 1. a resident, on her own


COURRIEL = "Premiers pas avec le courriel"
COURRIEL_LESSONS = [
    [
        "Qu'est-ce qu'une adresse électronique ?",
        "Choisir une messagerie et créer son adresse",
        "Un mot de passe solide, et s'en souvenir",
    ],
    [
        "Se repérer dans sa boîte aux lettres",
        "Écrire et envoyer un message",
        "Joindre un document à un message",
        "Répondre à un message et le transférer",
    ],
]


def question(page, text):
    return page.get_by_role("group", name=re.compile(re.escape(text)))


def answer_the_address_quiz_with_one_mistake(page):
    question(page, "quelle partie est le nom de domaine").get_by_label("exemple.fr", exact=True).check()
    question(page, "peut contenir un espace").get_by_label("Vrai").check()  # wrong: it is « Faux »
    question(page, "Comment s'appelle le signe @").get_by_label("Votre réponse").fill("arobase")
    strong = question(page, "lesquels sont solides")
    strong.get_by_label("Cactus-tambour-nuage-girafe4").check()
    strong.get_by_label("Horloge_pirate_citron_banquise9").check()
    question(page, "Combien de caractères au minimum").get_by_label("Votre réponse (un nombre)").fill("12")
    matching = question(page, "Associez chaque situation au bon réflexe")
    for left, right in [
        ("Au téléphone", "C'est une arnaque : je ne le donne jamais."),
        (
            "trop de mots de passe",
            "Je les note dans un carnet rangé chez moi ou dans un gestionnaire de mots de passe.",
        ),
        ("bloquer un pirate", "J'active la validation en deux étapes."),
        ("nouveau site", "Je choisis un mot de passe différent de celui de ma messagerie."),
    ]:
        matching.get_by_label(re.compile(re.escape(left))).select_option(label=right)


def answer_the_message_quiz_right(page):
    matching = question(page, "Associez chaque dossier")
    for left, right in [
        ("Brouillons", "Les messages commencés mais pas encore envoyés"),
        ("Envoyés", "Les messages que vous avez envoyés"),
        ("Corbeille", "Les messages supprimés"),
        ("Spam (ou Indésirables)", "Les messages jugés suspects ou publicitaires"),
    ]:
        matching.get_by_label(left, exact=True).select_option(label=right)
    question(page, "écrit en gras").get_by_label("Vrai").check()
    question(page, "Dans quelle case").get_by_label("Cci", exact=True).check()
    signs = question(page, "Quels signes doivent vous alerter")
    signs.get_by_label(re.compile("^L'urgence et la menace")).check()
    signs.get_by_label(re.compile("^L'adresse de l'expéditeur")).check()
    signs.get_by_label("La demande de confirmer vos codes").check()
    question(page, "souvent représenté par un trombone").get_by_label("Votre réponse").fill("pièce jointe")
    question(page, "poids total maximum").get_by_label("Votre réponse (un nombre)").fill("25")


def finish_lesson(page, title, done, total):
    """On a lesson's page: read it, « J’ai terminé », and the progress follows (htmx, no reload)."""
    expect(heading(page)).to_have_text(title)
    expect(page.locator(".lesson-body")).not_to_be_empty()
    completion = page.locator("#completion")
    page.evaluate("window.__notReloaded = true")  # a mark on the window survives an htmx swap, not a page load
    completion.get_by_role("button", name="J’ai terminé").click()
    expect(completion.get_by_text("✓ Leçon terminée")).to_be_visible()
    assert page.evaluate("window.__notReloaded") is True
    percent = round(100 * done / total)
    expect(completion.locator(".progress-text")).to_have_text(
        re.compile(rf"^{done} activités? terminées? sur {total} \({percent} %\)$")
    )
    assert_page_ok(page, f"lesson « {title} »")


def do_the_mailbox_simulation(page):
    """The course's last activity: reply to the town hall with the attachment, report the scam."""
    expect(heading(page)).to_have_text("Simulation : répondre avec une pièce jointe et repérer une arnaque")
    assert_page_ok(page, "simulation exercise")
    page.get_by_role("link", name=re.compile("^Ouvrir la simulation")).click()
    page.get_by_role("link", name=re.compile("Aïcha Diallo")).click()
    page.get_by_role("link", name="Répondre").click()
    page.get_by_label("attestation.pdf").check()
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_role("link", name=re.compile("Service Livraison")).click()
    page.get_by_role("button", name="Signaler comme indésirable").click()
    page.get_by_role("link", name=re.compile("^Revenir à l’exercice")).click()
    page.get_by_role("button", name="J’ai terminé : envoyer ma démarche").click()
    expect(page.locator("#resultat")).to_contain_text("Bravo : la démarche est réussie !")
    assert_page_ok(page, "simulation passed")


def do_the_account_simulation(page):
    """The first module's last activity: create an account with one's address, fill and send, keep the receipt."""
    expect(heading(page)).to_have_text("Simulation : créer un compte avec son adresse électronique")
    page.get_by_role("link", name=re.compile("^Ouvrir la simulation")).click()
    page.get_by_role("link", name="Créer un compte sur ce portail").click()
    page.get_by_label("Adresse électronique").fill("karim.mansouri@exemple.fr")
    page.get_by_label(re.compile("^Mot de passe")).fill("Trois-chats-et-1-chien")
    page.get_by_label("Le même mot de passe, une deuxième fois").fill("Trois-chats-et-1-chien")
    page.get_by_role("button", name="Créer mon compte").click()
    page.get_by_role("link", name="Commencer la démarche").click()
    page.get_by_label(re.compile("^Nom")).fill("Mansouri")
    page.get_by_label(re.compile("^Prénom")).fill("Karim")
    page.get_by_label(re.compile("^Date de naissance")).fill("03/09/1962")
    page.get_by_role("button", name="Valider et passer à l’étape suivante").click()
    page.get_by_label("Habitant de Villeneuve (gratuit)").check()
    page.get_by_role("button", name="Valider et voir le récapitulatif").click()
    page.get_by_label("Je certifie sur l’honneur que ces informations sont exactes.").check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    with page.expect_download():
        page.get_by_role("link", name="Télécharger le récépissé (PDF)").click()
    page.get_by_role("link", name=re.compile("^Revenir à l’exercice")).click()
    page.get_by_role("button", name="J’ai terminé : envoyer ma démarche").click()
    expect(page.locator("#resultat")).to_contain_text("Bravo : la démarche est réussie !")


def test_resident_signs_up_follows_a_course_to_its_attestation(open_page):
    """Sign-up without e-mail (recovery code), the catalogue, enrolment, every lesson « J’ai terminé »,
    both quizzes with their feedback, the simulated mailbox, then « Mes réussites » and the attestation
    with what it required."""
    import_courses("premiers-pas-courriel", "demarches-en-ligne-arnaques")
    page = open_page()
    page.goto("/")
    assert_page_ok(page, "home")
    nav_link(page, "Créer un compte").click()

    expect(heading(page)).to_have_text("Créer un compte")
    assert_page_ok(page, "sign-up")
    page.get_by_label(re.compile(r"^Nom d.utilisateur")).press_sequentially("mariama")
    page.get_by_label(re.compile(r"^Mot de passe")).fill("tremplin-e2e-2026")
    page.get_by_label("Confirmation du mot de passe").fill("tremplin-e2e-2026")
    page.get_by_label("Confirmation du mot de passe").press("Enter")  # the form sent from the keyboard

    expect(heading(page)).to_have_text("Votre code de secours")
    expect(page.locator(".messages")).to_contain_text("Bienvenue mariama ! Votre compte est créé.")
    expect(page.locator(".recovery-card dd.mono").nth(1)).to_have_text(
        re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")
    )
    assert_page_ok(page, "recovery code")
    user = User.objects.get(username="mariama")
    assert (user.role, user.email) == (Role.RESIDENT, "")
    page.get_by_role("link", name="Continuer vers les cours").click()

    expect(heading(page)).to_have_text("Catalogue des cours")
    basics = page.get_by_role("region", name="Numérique de base")
    expect(basics.get_by_role("link", name=COURRIEL)).to_be_visible()
    assert_page_ok(page, "catalogue")
    basics.get_by_role("link", name=COURRIEL).click()

    expect(heading(page)).to_have_text(COURRIEL)
    expect(page.locator(".facts")).to_contain_text("11 activités")
    assert_page_ok(page, "course")
    page.get_by_role("button", name="M’inscrire à ce cours").click()

    expect(page.locator(".messages")).to_contain_text(COURRIEL)
    total, done = 11, 0
    for module, lessons in enumerate(COURRIEL_LESSONS):
        for title in lessons:
            done += 1
            finish_lesson(page, title, done, total)
            page.get_by_role("link", name=re.compile("^Suivante :")).click()
        done += 1
        result = page.locator("#resultat")
        if module == 0:
            expect(heading(page)).to_have_text("Quiz : l'adresse électronique et le mot de passe")
            assert_page_ok(page, "quiz")
            answer_the_address_quiz_with_one_mistake(page)
            page.get_by_role("button", name="Valider mes réponses").click()
            expect(result).to_contain_text("Presque ! 5 bonnes réponses sur 6")
            expect(result).to_contain_text("Score : 83 %")
            wrong = result.locator(".quiz-answer.test-failed")
            expect(wrong).to_have_count(1)
            expect(wrong).to_contain_text("✗ À revoir")
            expect(wrong).to_contain_text("La bonne réponse : Faux")
            expect(wrong).to_contain_text("une adresse électronique ne contient jamais d'espace")
            expect(result.locator(".quiz-answer.test-passed").first).to_contain_text("✓ Juste")
            assert_page_ok(page, "quiz feedback")
            page.get_by_role("link", name=re.compile("^Suivante :")).click()
            done += 1
            do_the_account_simulation(page)
            page.get_by_role("link", name=re.compile("^Suivante :")).click()
        else:
            expect(heading(page)).to_have_text("Quiz : lire, écrire et reconnaître un message")
            answer_the_message_quiz_right(page)
            page.get_by_role("button", name="Valider mes réponses").click()
            expect(result).to_contain_text("Bravo, toutes vos réponses sont justes !")
            expect(result.locator(".quiz-answer.test-passed")).to_have_count(6)
            assert_page_ok(page, "quiz, all right")
            page.get_by_role("link", name=re.compile("^Suivante :")).click()
            do_the_mailbox_simulation(page)
            # The last activity: the pager leads back to the programme, the course is done.
            page.get_by_role("link", name="Retour au programme du cours").click()
    expect(page.locator("#course-progress + .progress-text")).to_have_text("11 activités terminées sur 11 (100 %)")
    assert_page_ok(page, "course done")

    nav_link(page, "Mes réussites").click()
    expect(heading(page)).to_have_text("Mes réussites")
    done_courses = page.get_by_role("region", name="Cours terminés")
    expect(done_courses.get_by_role("listitem")).to_have_text([f"✔ {COURRIEL}"])
    badges = page.get_by_role("region", name="Mes attestations et badges")
    expect(badges.locator(".badge-card")).to_have_count(1)
    expect(badges.locator(".badge-card")).to_contain_text(COURRIEL)
    assert_page_ok(page, "achievements")
    badges.get_by_role("link", name=f"Voir et imprimer — {COURRIEL}").click()

    expect(heading(page)).to_have_text("Attestation de réussite")
    expect(page.locator(".attestation-text")).to_contain_text(f"mariama a terminé le cours « {COURRIEL} »")
    expect(page.locator(".attestation ul li")).to_have_text(
        [
            "toutes les leçons terminées",
            re.compile(r"^chaque exercice de type « Quiz » réussi à 60 % au moins$"),
            re.compile(r"^chaque exercice de type « Simulation d'une démarche » réussi à \d+ % au moins$"),
        ]
    )
    assert_page_ok(page, "attestation")
    assert Attestation.objects.filter(user=user, course__slug="premiers-pas-courriel").count() == 1


# ---------------------------------------------------------------- 2. a trainee of an École du web


NOTEBOOK_ANSWERS = {
    "Cellule 4 — votre code": 'communes = pd.read_csv("data/communes.csv", dtype={"code_insee": str})\ncommunes.head()',
    "Cellule 7 — votre code": 'nb_lignes, nb_colonnes = communes.shape\nprint(nb_lignes, "lignes et", nb_colonnes, '
    '"colonnes")',
    "Cellule 10 — votre code": (
        'def resume(df):\n    return {\n        "communes": len(df),\n'
        '        "population_totale": int(df["population"].sum()),\n'
        '        "population_max": int(df["population"].max()),\n    }\n\n\nresume(communes)'
    ),
}


def open_my_course(page, title):
    nav_link(page, "Mon tableau de bord").click()
    expect(heading(page)).to_have_text("Bonjour Yanis")
    page.get_by_role("region", name="Mes cours").get_by_role("link", name=title, exact=True).click()
    expect(heading(page)).to_have_text(title)


def test_trainee_does_python_web_and_notebook_exercises(open_page, demo_world, trainee, eager_celery):
    """From the dashboard: a Python exercise typed in the code field, an HTML/CSS page edited file by
    file, a notebook answered cell by cell; each submitted and graded in the sandbox."""
    page = open_page(trainee)
    page.goto("/comptes/tableau-de-bord/")
    expect(heading(page)).to_have_text("Bonjour Yanis")
    assert_page_ok(page, "dashboard")

    # Python: the code typed at the keyboard (the field keeps indentation as typed).
    open_my_course(page, "Programmer en Python")
    assert_page_ok(page, "École du web course")
    page.get_by_role("link", name="Dire bonjour", exact=True).click()
    expect(heading(page)).to_have_text("Dire bonjour")
    expect(page.locator("#id_file_0")).to_have_value(re.compile(r"^def saluer\(prenom\):"))
    assert_page_ok(page, "Python exercise")
    editor = page.get_by_role("textbox", name="salutations.py")  # the code editor
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type("def saluer(prenom):\n")  # the editor indents the next line itself
    page.keyboard.type('return f"Bonjour {prenom} !"')
    expect(page.locator("#id_file_0")).to_have_value('def saluer(prenom):\n    return f"Bonjour {prenom} !"')
    page.get_by_role("button", name="Soumettre").click()
    result = page.locator("#resultat")
    expect(result.locator(".result-title")).to_contain_text("✓ Réussi", timeout=GRADING)
    expect(result).to_contain_text("Score : 100 %")
    expect(result.locator(".test-passed")).to_have_count(5)  # the public test and four hidden ones
    expect(result.locator(".test-failed")).to_have_count(0)
    assert_page_ok(page, "Python exercise passed")
    submission = Submission.objects.get(learner=trainee, exercise__slug="saluer")
    assert (submission.status, submission.files["salutations.py"]) == (
        "passed",
        'def saluer(prenom):\n    return f"Bonjour {prenom} !"',
    )

    # HTML and CSS: two files in tabs, a live preview, screenshots of the page sent.
    open_my_course(page, "Intégration web : HTML, CSS et JavaScript")
    page.get_by_role("link", name="Une barre de navigation avec Flexbox", exact=True).click()
    expect(heading(page)).to_have_text("Une barre de navigation avec Flexbox")
    assert_page_ok(page, "web exercise")
    solution = Exercise.objects.get(slug="barre-navigation-flex").solution
    tabs = page.get_by_role("tablist", name="Vos fichiers").get_by_role("tab")
    expect(tabs).to_have_text(["index.html", "style.css"])
    for index, name in enumerate(["index.html", "style.css"]):
        tabs.nth(index).click()
        page.get_by_role("textbox", name=name).fill(solution[name])
    page.get_by_role("button", name="Soumettre").click()
    expect(result.locator(".result-title")).to_contain_text("✓ Réussi", timeout=GRADING)
    expect(result).to_contain_text("Score : 100 %")
    shots = result.get_by_role("img", name=re.compile("La page envoyée"))
    expect(shots).to_have_count(2)
    for index in range(2):
        shot = shots.nth(index)
        shot.scroll_into_view_if_needed()  # loading="lazy"
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=shot.element_handle())
    assert_page_ok(page, "web exercise passed")

    # A notebook: three cells to write, executed with the tests in the sandbox.
    open_my_course(page, "Analyser des données avec Python et pandas")
    page.get_by_role("link", name="Charger un fichier CSV et mesurer le tableau", exact=True).click()
    expect(heading(page)).to_have_text("Charger un fichier CSV et mesurer le tableau")
    assert_page_ok(page, "notebook exercise")
    for label, code in NOTEBOOK_ANSWERS.items():
        field = page.get_by_role("textbox", name=label)  # the code editor, or a written answer's text area
        if "votre code" in label:
            type_code(page, field, code)
        else:
            field.fill(code)
    page.get_by_role("button", name="Soumettre").click()
    expect(result.locator(".result-title")).to_contain_text("✓ Réussi", timeout=GRADING)
    expect(result).to_contain_text("Score : 100 %")
    expect(result.locator(".nb-render")).to_contain_text("254 lignes et 6 colonnes")  # the cell's output
    assert_page_ok(page, "notebook exercise passed")
    assert sorted(Submission.objects.filter(learner=trainee).values_list("exercise__kind", "status")) == [
        ("html", "passed"),
        ("notebook", "passed"),
        ("python", "passed"),
    ]


# ---------------------------------------------------------------- 3. a trainer


@pytest.fixture
def trainer_world(demo_world, cohort, trainee, eager_celery):
    """The demo courses, the qualifications the promo follows, and Yanis's first try at « Dire bonjour »
    (the starter, sent as it was: 0 %)."""
    for path in default_files():
        load_framework(path)
    progress_services.resync_links()
    progress_services.cohort_follow(cohort=cohort, codes=["RNCP37674", "CRCN"])
    exercise = Exercise.objects.get(slug="saluer")
    submission = exercises_services.submission_create(
        exercise=exercise, learner=trainee, mode="submit", files=dict(exercise.starter), language="fr"
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.FAILED, submission.result
    return submission


def test_trainer_runs_a_promo_from_accounts_to_booklet(open_page, trainer_world, trainer, trainee, cohort):
    """Bulk accounts and their cards, « Tester la correction » in the Atelier, a score overridden with a
    comment in « Suivi des exercices », a competence validated, the learner's booklet."""
    submission = trainer_world
    page = open_page(trainer)
    page.goto("/comptes/tableau-de-bord/")
    expect(heading(page)).to_have_text("Bonjour Claire")
    assert_page_ok(page, "trainer's dashboard")
    page.get_by_role("region", name="Mes promos et groupes").get_by_role("link", name="Promo A").click()

    expect(heading(page)).to_have_text("Promo A")
    expect(page.locator("table caption").first).to_have_text("2 apprenants")
    assert_page_ok(page, "promo")
    page.get_by_label(re.compile(r"^Noms des apprenants")).fill("Fatou Ndiaye\nJean-Pierre Lefèvre\n")
    page.get_by_role("button", name="Créer les comptes et imprimer les cartes").click()

    expect(heading(page)).to_have_text("Cartes de connexion")
    cards = page.locator(".login-card")
    expect(cards.get_by_role("heading")).to_have_text(["Fatou Ndiaye", "Jean-Pierre Lefèvre"])
    expect(cards.nth(0).locator("dd.mono").first).to_have_text("fatou.ndiaye")
    assert_page_ok(page, "login cards")
    assert set(cohort.learners.values_list("username", flat=True)) == {
        "yanis",
        "ines",
        "fatou.ndiaye",
        "jean.pierre.lefevre",
    }

    # The Atelier: the exercise's reference solution passes and its starter fails.
    nav_link(page, "Atelier").click()
    expect(heading(page)).to_have_text("Atelier des cours")
    assert_page_ok(page, "authoring")
    page.get_by_role("link", name="Programmer en Python", exact=True).click()
    expect(heading(page)).to_have_text("Modifier « Programmer en Python »")
    assert_page_ok(page, "course editor")
    page.get_by_role("link", name="Dire bonjour", exact=True).click()
    expect(heading(page)).to_have_text("Modifier l’exercice « Dire bonjour »")
    page.locator(".ck-editor__editable").first.wait_for()
    page.get_by_role("button", name="Enregistrer et tester la correction").click()
    check = page.get_by_role("region", name="Résultat de « Tester la correction »")
    expect(check).to_contain_text("✓ La solution de référence réussit tous les tests.", timeout=GRADING)
    expect(check).to_contain_text("✓ Le code de départ échoue, comme attendu.")
    page.locator(".ck-editor__editable").first.wait_for()
    assert_page_ok(page, "exercise editor after « Tester la correction »")

    # « Suivi des exercices »: Yanis's try, rescored with a comment.
    nav_link(page, "Suivi des exercices").click()
    expect(heading(page)).to_have_text("Suivi des exercices")
    row = page.locator("table tbody tr", has_text="Dire bonjour")
    expect(row).to_contain_text(re.compile(r"Yanis\s*Dire bonjour\s*Essai 1\s*Pas encore réussi\s*0 %"))
    assert_page_ok(page, "review list")
    row.get_by_role("link").click()
    expect(heading(page)).to_have_text("Dire bonjour — Yanis")
    assert_page_ok(page, "submission review")
    page.get_by_label("Note retenue (en %)").fill("40")
    page.get_by_label(re.compile(r"^Commentaire pour l.apprenant")).fill(
        "La fonction doit renvoyer la phrase : relisez l’énoncé."
    )
    page.get_by_role("button", name="Enregistrer la note").click()
    expect(page.locator(".messages")).to_contain_text("Note enregistrée")
    expect(page.locator("main")).to_contain_text("Note du formateur : 40 % (Claire) — note automatique : 0 %")
    assert_page_ok(page, "submission review, rescored")
    submission.refresh_from_db()
    assert (submission.override_score, submission.overridden_by) == (0.4, trainer)

    # The promo's competences: validate one for Yanis, then his booklet.
    nav_link(page, "Promos").click()
    page.get_by_role("link", name="Promo A", exact=True).click()
    page.get_by_role("link", name="Tableau de bord des compétences").click()
    expect(heading(page)).to_have_text("Compétences de la promo Promo A")
    expect(page.locator("#matrix-caption")).to_contain_text("4 apprenants")
    assert_page_ok(page, "competence dashboard")
    page.locator(".matrix").get_by_role("link", name="Yanis", exact=True).click()
    expect(heading(page)).to_have_text("Parcours de Yanis")
    assert_page_ok(page, "learner's path")
    competence = Competence.objects.get(code="RNCP37674-CP7")
    item = page.locator(f"#competence-{competence.pk}")
    expect(item.locator(".state")).not_to_have_text(re.compile("Validée"))
    item.locator("summary", has_text="Valider, retirer, observer").click()
    item.get_by_label("Commentaire (ce qui a été observé)").fill("Fonctions écrites et testées en atelier")
    item.get_by_role("button", name="Valider la compétence").click()
    expect(page.locator(f"#competence-{competence.pk} .state")).to_have_text("✔ Validée")
    assert CompetenceProgress.objects.get(user=trainee, competence=competence).validated_by == trainer
    assert_page_ok(page, "learner's path, competence validated")
    page.get_by_role("link", name="Livret de compétences (à imprimer)").click()

    expect(heading(page)).to_have_text("Livret de compétences")
    expect(page.locator(".booklet-identity")).to_contain_text("Yanis (yanis)")
    row = page.locator(".booklet-table tr", has=page.get_by_role("rowheader", name=re.compile(r"^CP7 — ")))
    expect(row).to_contain_text(re.compile(r"Validée le .* par Claire : « Fonctions écrites et testées en atelier »"))
    assert_page_ok(page, "booklet")


# ---------------------------------------------------------------- 4. a mediator, and the people of his group


@pytest.fixture
def workshop(mediator, mediation_site):
    return accounts_services.cohort_create(name="Atelier du jeudi", site=mediation_site, trainer=mediator)


@pytest.fixture
def invited(mediation_site, basics_course):
    """Fatou has an account already, and two lessons done in a course she follows on her own."""
    fatou = make_user("fatou", Role.RESIDENT, mediation_site, first_name="Fatou")
    Enrolment.objects.create(user=fatou, course=basics_course)
    for lesson in Lesson.objects.filter(module__course=basics_course).order_by("module__order", "order")[:2]:
        courses_services.lesson_complete(user=fatou, lesson=lesson)
    return fatou


def test_mediator_brings_people_into_a_group_and_follows_those_who_share(
    open_page, mediator, workshop, resident, invited, basics_course
):
    """A join code read aloud and typed by Awa; Fatou invited by her username, asked at login, accepts
    and shares her progress; « Personnes accompagnées » shows Fatou's course, not Awa (who did not share)."""
    page = open_page(mediator)
    page.goto("/comptes/tableau-de-bord/")
    nav_link(page, "Mes groupes").click()
    expect(heading(page)).to_have_text("Promos et groupes")
    row = page.locator("tbody tr", has_text="Atelier du jeudi")
    expect(row).to_contain_text(re.compile(r"Atelier du jeudi\s*Atelier\s*Médiathèque de Test\s*0\s*Karim"))
    assert_page_ok(page, "my groups")
    row.get_by_role("link", name="Atelier du jeudi").click()

    expect(heading(page)).to_have_text("Atelier du jeudi")
    expect(page.get_by_role("heading", name="Participants")).to_be_visible()
    assert_page_ok(page, "workshop group")
    page.get_by_role("button", name="Afficher un code pour rejoindre").click()
    code_box = page.locator(".join-code")
    expect(code_box).to_have_text(re.compile(r"^\s*[A-Z2-9]{6}\s*$"))
    expect(page.get_by_role("button", name="Arrêter ce code")).to_be_visible()
    assert_page_ok(page, "workshop group with its code")
    code = code_box.inner_text().strip()
    workshop.refresh_from_db()
    assert code == workshop.join_code

    # Awa, on her own phone or computer, types the code she was read (in lower case: it does not matter).
    awa = open_page(resident)
    awa.goto("/comptes/tableau-de-bord/")
    awa.get_by_role("link", name="Rejoindre un groupe").click()
    expect(heading(awa)).to_have_text("Rejoindre un groupe")
    assert_page_ok(awa, "join")
    awa.get_by_label("Code du groupe").press_sequentially(code.lower())
    awa.get_by_label("Code du groupe").press("Enter")
    confirm = awa.get_by_role("region", name="Rejoindre « Atelier du jeudi » ?")
    expect(confirm).to_contain_text("Lieu : Médiathèque de Test")
    expect(confirm).to_contain_text("Animé par : Karim")
    expect(
        confirm.get_by_label(re.compile("^Les médiateurs du groupe peuvent voir ma progression"))
    ).not_to_be_checked()
    assert_page_ok(awa, "join, confirm")
    confirm.get_by_role("button", name="Oui, rejoindre ce groupe").click()
    expect(heading(awa)).to_have_text("Bonjour Awa")
    expect(awa.locator(".messages")).to_have_text("Vous avez rejoint le groupe « Atelier du jeudi ».")
    assert_page_ok(awa, "dashboard after joining")

    page.reload()
    expect(page.locator("table caption").first).to_have_text("1 apprenant")
    expect(page.locator("tbody").first).to_contain_text("Awa")
    page.get_by_role("link", name="Inviter par son identifiant").click()
    expect(heading(page)).to_have_text("Ajouter une personne qui a déjà un compte")
    assert_page_ok(page, "invite")
    page.get_by_label("Identifiant de la personne").fill("fatou")
    page.get_by_role("button", name="Inviter", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(
        "Invitation enregistrée : Fatou la verra à sa prochaine connexion"
    )
    expect(page.locator("main")).to_contain_text("Invitations en attente : Fatou")
    assert_page_ok(page, "workshop group with an invitation")

    # Fatou signs in with the form and is asked first.
    fatou = open_page()
    fatou.goto("/comptes/connexion/")
    fatou.get_by_label(re.compile(r"^Nom d.utilisateur")).fill("fatou")
    fatou.get_by_label(re.compile(r"^Mot de passe")).fill("motdepasse-test")
    fatou.get_by_role("button", name="Se connecter").click()
    expect(heading(fatou)).to_have_text("Avant de continuer")
    invitation = fatou.get_by_role("region", name="Rejoindre « Atelier du jeudi » ?")
    expect(invitation).to_contain_text("Karim vous propose de rejoindre ce groupe (Médiathèque de Test).")
    assert_page_ok(fatou, "questions after login")
    invitation.get_by_label(re.compile("^Les médiateurs du groupe peuvent voir ma progression")).check()
    invitation.get_by_role("button", name="Rejoindre le groupe").click()
    expect(heading(fatou)).to_have_text("Bonjour Fatou")  # nothing else to ask: on to the dashboard
    expect(fatou.locator(".messages")).to_contain_text("Vous avez rejoint le groupe « Atelier du jeudi ».")
    assert_page_ok(fatou, "dashboard after accepting")
    invited.refresh_from_db()
    assert invited.shares_progress is True and workshop.learners.filter(pk=invited.pk).exists()

    nav_link(page, "Personnes accompagnées").click()
    expect(heading(page)).to_have_text("Personnes accompagnées")
    people = page.locator("main section")
    expect(people.get_by_role("heading", level=2)).to_have_text(["Fatou"])  # not Awa: she did not share
    expect(people).to_contain_text(basics_course.title)
    expect(people.locator(".progress-text")).to_have_text("2 activités terminées sur 6 (33 %)")
    assert_page_ok(page, "accompanied people")


# ---------------------------------------------------------------- 5. a coordinator


@pytest.fixture
def activity(school, cohort, other_cohort, trainee, web_course):
    """Six learners of Promo A with a lesson a month for three months and a quiz; Promo B has one (not shown)."""
    learners = [trainee] + [
        make_user(f"apprenant{n}", Role.TRAINEE, school, first_name=f"Apprenant {n}") for n in range(1, 6)
    ]
    cohort.learners.add(*learners)
    quiz = load_exercise(Module.objects.get(course=web_course, slug="module-1"), "quiz-arnaques")
    lessons = list(Lesson.objects.filter(module__course=web_course).order_by("module__order", "order"))
    now = timezone.now()
    for index, learner in enumerate(learners):
        for months_ago in (2, 1, 0):
            at = now - timedelta(days=30 * months_ago)
            courses_services.lesson_complete(user=learner, lesson=lessons[months_ago], at=at)
        # Half of them answer the quiz right, the others send it empty: six tries, three passed.
        answers = right_answers(quiz.config["questions"]) if index % 2 == 0 else {}
        exercises_services.submission_create(exercise=quiz, learner=learner, mode="submit", answers=answers, at=now)
    return learners


def test_coordinator_reads_indicators_by_place_promo_and_track_and_exports_them(open_page, coordinator, activity):
    """Groups of five or more only, three ways to group them, two charts with their titles, a CSV."""
    page = open_page(coordinator)
    page.goto("/comptes/tableau-de-bord/")
    nav_link(page, "Indicateurs").click()
    expect(heading(page)).to_have_text("Indicateurs")
    expect(page.locator("figcaption")).to_have_text(["Apprenants actifs par mois", "Compétences acquises par mois"])
    expect(page.locator(".chart-figure svg[role=img]")).to_have_count(2)

    def group(name):
        return page.get_by_role("region", name=re.compile(rf"^{re.escape(name)} \("))

    def this_month(name):
        return group(name).locator("tbody tr").last

    # By place (the default): the web school, its seven learners (Lina of Promo B among them), six active.
    expect(page.get_by_label("Regrouper par")).to_have_value("site")
    expect(page.locator("main section h2")).to_have_text([re.compile(r"^École du web de Test \(7 personnes")])
    # This month: 6 active, 6 lessons, 3 quizzes passed, 6 × 10 min of lessons + 6 × 5 min of tries = 1.5 h.
    expect(this_month("École du web de Test").locator("td")).to_have_text(["6", "6", "3", "1,5", "0", "0"])
    assert_page_ok(page, "indicators by place")

    by_promo = page.get_by_label("Regrouper par")
    by_promo.select_option(label="promo")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(r"[?&]par=cohort(&|$)"))
    expect(page.locator("main section h2")).to_have_text([re.compile(r"^Promo A \(6 personnes")])
    expect(page.get_by_text("1 groupe de moins de 5 personnes n’est pas affiché.")).to_be_visible()  # Promo B
    expect(page.locator("figcaption")).to_have_text(["Apprenants actifs par mois", "Compétences acquises par mois"])
    expect(group("Promo A").locator("tbody tr")).to_have_count(6)
    expect(group("Promo A").locator("tbody tr").nth(3).locator("td").first).to_have_text("6")  # two months ago
    assert_page_ok(page, "indicators by promo")

    page.get_by_label("Regrouper par").select_option(label="parcours")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(r"[?&]par=track(&|$)"))
    expect(page.locator("main section h2")).to_have_text([re.compile(r"^École du web \(")])
    expect(this_month("École du web").locator("td").nth(1)).to_have_text("6")
    assert_page_ok(page, "indicators by track")

    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter en CSV").click()
    assert download.value.suggested_filename == "indicateurs-track.csv"
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:4] == ["Groupe", "Personnes", "Mois", "Apprenants actifs"]
    assert len(rows) == 1 + 6 and {row[0] for row in rows[1:]} == {"École du web"}
    assert [row[4] for row in rows[-3:]] == ["6", "6", "6"]  # lessons done in each of the last three months
