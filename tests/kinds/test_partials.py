"""Each exercise kind's templates, as the real pages show them: the work form, what is beside it, a
result's tests and what follows them (fetched with the test client, read with BeautifulSoup)."""

import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from PIL import Image

from courses.models import Enrolment
from exercises.models import RenderedNotebook, Screenshot, Submission
from exercises.results import Result
from exercises.results import TestResult as Outcome  # not collected as a test class
from tests.exercises.conftest import load_exercise


@pytest.fixture
def learner(trainee, cohort, basics_course):
    """A trainee enrolled in the course, whose cohort's trainer reviews their work."""
    Enrolment.objects.create(user=trainee, course=basics_course)
    basics_course.cohorts.add(cohort)
    return trainee


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def page(client, user, exercise, **params):
    client.force_login(user)
    return soup(client.get(exercise.get_absolute_url(), params))


def review(client, trainer, submission):
    client.force_login(trainer)
    return soup(client.get(reverse("exercises:submission_detail", args=[submission.pk])))


def png(width=4, height=3):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def stored(exercise, learner, result, **fields):
    """A graded submission, stored as a worker leaves it (no sandbox run)."""
    return Submission.objects.create(
        exercise=exercise,
        learner=learner,
        files=fields.pop("files", dict(exercise.solution)),
        status=result.status,
        score=result.score,
        final_score=result.score,
        attempt=1,
        result=result.to_storage(),
        **fields,
    )


# ---------------------------------------------------------------- the work section of every kind


@pytest.mark.parametrize(
    "example, title, uploads",
    [
        ("quiz-arnaques", "Vos réponses", False),
        ("notebook-villes", "Votre notebook", True),
        ("moyenne", "Votre code", False),
        ("livres-recents", "Votre code", False),
        ("majuscules", "Votre code", False),
        ("carte-visite", "Votre code", False),
        ("menu-burger", "Votre code", False),
    ],
)
def test_the_work_section_is_titled_for_its_kind_and_only_a_notebook_sends_files(
    client, learner, module, example, title, uploads
):
    html = page(client, learner, load_exercise(module, example))
    assert html.select_one("section.work")["aria-labelledby"] == "work-title"
    assert html.select_one("#work-title").get_text(strip=True) == title
    form = html.select_one("form#exercise-form")
    assert form.get("enctype") == ("multipart/form-data" if uploads else None)


# ---------------------------------------------------------------- quiz


@pytest.fixture
def quiz(module):
    return load_exercise(module, "quiz-arnaques")


def test_a_quiz_has_one_fieldset_per_question_with_the_right_inputs(client, learner, quiz):
    questions = page(client, learner, quiz).select("form#exercise-form fieldset.question")
    assert [q.legend.get_text(strip=True)[:2] for q in questions] == ["1.", "2.", "3.", "4.", "5.", "6."]
    single, truefalse, short, numeric, multiple, matching = questions
    assert [i["type"] for i in single.select("input")] == ["radio", "radio"]
    assert {i["name"] for i in single.select("input")} == {"q0"}
    assert [(i["type"], i["value"]) for i in truefalse.select("input")] == [("radio", "true"), ("radio", "false")]
    assert [(i["type"], i.get("inputmode")) for i in short.select("input")] == [("text", None)]
    assert [(i["type"], i.get("inputmode")) for i in numeric.select("input")] == [("text", "decimal")]
    assert [i["type"] for i in multiple.select("input")] == ["checkbox"] * 3
    assert multiple.select_one("p.hint").get_text(strip=True) == "Plusieurs réponses possibles."
    assert not matching.select("input")
    selects = matching.select("select")
    assert [s["name"] for s in selects] == ["q5_0", "q5_1"]
    assert [len(s.select("option")) for s in selects] == [3, 3]  # « — » and the two right-hand sides


def test_every_quiz_input_has_its_own_label(client, learner, quiz):
    form = page(client, learner, quiz).select_one("form#exercise-form")
    fields = form.select("fieldset.question input, fieldset.question select")
    ids = [field["id"] for field in fields]
    assert len(ids) == len(set(ids)) == 2 + 2 + 1 + 1 + 3 + 2
    labelled = [label["for"] for label in form.select("fieldset.question label")]
    assert sorted(labelled) == sorted(ids)
    assert form.select_one('label[for="q1-t"]').get_text(strip=True) == "Vrai"
    assert form.select_one('label[for="q0-0"]').get_text(strip=True) == "www.impots.gouv.fr"


def test_a_quiz_is_sent_with_one_button_and_no_check(client, learner, quiz):
    buttons = page(client, learner, quiz).select("form#exercise-form button[type=submit]")
    assert [(b.get_text(strip=True), b["value"]) for b in buttons] == [("Valider mes réponses", "submit")]
    assert not page(client, learner, quiz).select("form#exercise-form textarea")


def test_a_graded_quiz_lists_each_question_right_or_to_review_with_its_feedback(client, learner, quiz):
    client.force_login(learner)
    answers = {"q0": "1", "q1": "false", "q2": "franceconnect", "q3": "12", "q4": ["0", "1"], "q5_0": "0", "q5_1": "1"}
    html = soup(client.post(quiz.get_absolute_url(), answers, follow=True))
    items = html.select("#resultat ul.tests > li")
    assert len(items) == 6 and all("quiz-answer" in li["class"] for li in items)
    statuses = [li.select_one(".test-status").get_text(strip=True) for li in items]
    assert statuses == ["✗ À revoir"] + ["✓ Juste"] * 5
    assert items[0].strong.get_text(strip=True) == "1. Quelle adresse est celle d'un site officiel ?"
    assert "test-failed" in items[0]["class"] and "test-passed" in items[1]["class"]
    assert "Non : regardez la fin de l'adresse." in items[0].select_one("p.quiz-feedback").get_text()
    assert not html.select(".test-status .badge")  # no « caché » nor points: the shared partial is not used


# ---------------------------------------------------------------- code kinds: python, sql, javascript


@pytest.mark.parametrize(
    "example, filenames, check",
    [("moyenne", ["notes.py"], True), ("livres-recents", ["query.sql"], False), ("majuscules", ["chaines.js"], True)],
)
def test_a_code_kind_has_one_labelled_text_area_per_file_and_check_with_public_tests(
    client, learner, module, example, filenames, check
):
    form = page(client, learner, load_exercise(module, example)).select_one("form#exercise-form")
    areas = form.select("textarea")
    assert [a["name"] for a in areas] == [f"file_{i}" for i in range(len(filenames))]
    assert [form.select_one(f'label[for="{a["id"]}"]').get_text(strip=True) for a in areas] == filenames
    assert not form.select(".file-tabs")  # tabs are for web pages
    values = [b["value"] for b in form.select("button[type=submit]")]
    assert values == (["check", "submit"] if check else ["submit"])


def test_check_disappears_when_the_exercise_has_no_public_test(client, learner, module):
    python = load_exercise(module, "moyenne")
    python.tests = {name: text for name, text in python.tests.items() if not name.startswith("public/")}
    python.starter = {"notes.py": "def moyenne(notes):\n    pass\n", "outils.py": "# aide\n"}
    python.save()
    form = page(client, learner, python).select_one("form#exercise-form")
    assert [b["value"] for b in form.select("button[type=submit]")] == ["submit"]
    assert [label.get_text(strip=True) for label in form.select("label.filename")] == ["notes.py", "outils.py"]
    assert "sans compter d’essai" not in form.select_one("p.hint").get_text()


# ---------------------------------------------------------------- web kinds: html, dom


@pytest.mark.parametrize(
    "example, filenames",
    [("carte-visite", ["index.html", "style.css"]), ("menu-burger", ["index.html", "style.css", "script.js"])],
)
def test_a_web_page_has_file_tabs_and_a_sandboxed_preview(client, learner, module, example, filenames):
    html = page(client, learner, load_exercise(module, example))
    tabs = html.select_one("form#exercise-form div.file-tabs[data-file-tabs]")
    panels = tabs.select("div.file-panel[data-file-panel]")
    assert [p.select_one("label.filename").get_text(strip=True) for p in panels] == filenames
    assert [p["id"] for p in panels] == [f"panel-{n}" for n in range(1, len(filenames) + 1)]
    preview = html.select_one("section.preview")
    assert preview.find_parent("form") is None and preview["aria-labelledby"] == "preview-title"
    (frame,) = preview.select("#preview iframe")
    assert frame["sandbox"] == ["allow-scripts"]  # bs4 splits the tokens: no allow-same-origin
    assert frame["srcdoc"].strip() and "<" in frame["srcdoc"]


def test_the_htmx_preview_returns_only_the_preview_fragment(client, learner, module):
    dom = load_exercise(module, "menu-burger")
    client.force_login(learner)
    page_html = '<link rel="stylesheet" href="style.css"><h1>Menu du jour</h1><script src="script.js"></script>'
    typed = {"file_0": page_html, "file_1": "h1 { color: teal }", "file_2": "console.log('ok')"}
    response = client.post(reverse("exercises:exercise_preview", args=[dom.pk]), typed, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert response.status_code == 200 and "<html" not in text.lower() and "<form" not in text
    fragment = BeautifulSoup(text, "html.parser")
    (root,) = fragment.find_all(recursive=False)
    assert root.name == "div" and root["id"] == "preview" and root["hx-swap"] == "outerHTML"
    srcdoc = root.iframe["srcdoc"]
    assert "<h1>Menu du jour</h1>" in srcdoc and "h1 { color: teal }" in srcdoc and "console.log('ok')" in srcdoc
    assert root.iframe["sandbox"] == ["allow-scripts"]
    assert not Submission.objects.exists()


def test_a_graded_web_page_links_its_two_screenshots_for_the_learner_and_the_trainer(client, learner, trainer, module):
    dom = load_exercise(module, "menu-burger")
    submission = stored(dom, learner, Result(status="passed", score=1.0, message="Tout fonctionne."))
    for width in (1280, 375):
        Screenshot.objects.create(submission=submission, width=width, image=png())
    expected = [reverse("exercises:screenshot", args=[submission.pk, width]) for width in (375, 1280)]
    for html in (page(client, learner, dom), review(client, trainer, submission)):
        figures = html.select(".result div.screenshots figure")
        assert [f.a["href"] for f in figures] == expected
        assert [f.img["src"] for f in figures] == expected
        assert [f.figcaption.get_text(strip=True) for f in figures] == [
            "Sur téléphone (375 px)",
            "Sur ordinateur (1280 px)",
        ]
    client.force_login(learner)
    assert client.get(expected[0]).content == png()


def test_a_web_page_without_screenshots_shows_none(client, learner, module):
    card = load_exercise(module, "carte-visite")
    stored(card, learner, Result(status="failed", score=0.0, message="Pas encore."))
    html = page(client, learner, card)
    assert html.select_one(".result") is not None and not html.select(".screenshots")


# ---------------------------------------------------------------- notebook


@pytest.fixture
def notebook(module):
    return load_exercise(module, "notebook-villes")


def test_a_notebook_offers_its_download_one_field_per_answer_cell_and_an_upload(client, learner, notebook):
    html = page(client, learner, notebook)
    form = html.select_one("form#exercise-form")
    download = form.select_one("p.downloads a")
    assert download["href"] == reverse("exercises:notebook_download", args=[notebook.pk]) and download.has_attr(
        "download"
    )
    cells = form.select("ol.nb-cells > li.nb-cell")
    answers = [cell for cell in cells if cell.select("textarea")]
    assert len(answers) == 3 and all(len(cell.select("textarea")) == 1 for cell in answers)
    for cell in answers:
        area = cell.textarea
        assert cell.select_one(f'label[for="{area["id"]}"]') is not None
    assert any(cell.select("pre.nb-code") for cell in cells if cell not in answers)  # given code, read-only
    upload = form.select_one('input[type="file"]')
    assert upload["name"] == "upload" and upload["accept"] == ".ipynb,application/x-ipynb+json"
    assert upload["data-max-bytes"] == str(5 * 1024 * 1024)
    assert form.select_one(f'label[for="{upload["id"]}"]').get_text(strip=True).startswith("Ou envoyez le notebook")
    assert [b["value"] for b in form.select("button[type=submit]")] == ["check", "submit"]


def test_a_graded_notebook_shows_the_executed_notebook(client, learner, trainer, notebook):
    result = Result(
        status="failed",
        score=0.5,
        message="Une cellule de tests échoue.",
        tests=[
            Outcome("q1 tests", "passed", points=1, earned=1, key="q1-tests"),
            Outcome("q2 tests", "failed", message="AssertionError", points=1, earned=0, key="q2-tests"),
        ],
    )
    submission = stored(notebook, learner, result, files={"notebook.ipynb": notebook.starter["notebook.ipynb"]})
    RenderedNotebook.objects.create(
        submission=submission, html='<div class="cell"><pre class="sortie">31415</pre></div>'
    )
    for html in (page(client, learner, notebook), review(client, trainer, submission)):
        region = html.select_one(".result details.nb-output")
        assert region.has_attr("open")  # failed: opened
        assert region.summary.get_text(strip=True).startswith("Le notebook exécuté")
        assert region.select_one("div.nb-render[role=region] pre.sortie").get_text() == "31415"


def test_a_passing_notebook_keeps_its_output_folded_and_one_without_rendering_shows_none(client, learner, notebook):
    passing = stored(notebook, learner, Result(status="passed", score=1.0, message="Bravo."))
    RenderedNotebook.objects.create(submission=passing, html="<p>sorties</p>")
    region = page(client, learner, notebook, soumission=passing.pk).select_one("details.nb-output")
    assert region is not None and not region.has_attr("open")
    bare = stored(notebook, learner, Result(status="failed", score=0.0, message="Rien."))
    html = page(client, learner, notebook, soumission=bare.pk)
    assert html.select_one(".result") is not None and not html.select("details.nb-output")


# ---------------------------------------------------------------- the shared test partial


@pytest.fixture
def graded_python(module, learner):
    python = load_exercise(module, "moyenne")
    result = Result(
        status="failed",
        score=0.5,
        message="Un test échoue.",
        tests=[
            Outcome("moyenne simple", "passed", points=1, earned=1),
            Outcome(
                "liste vide",
                "failed",
                message="Votre fonction plante.",
                hidden=True,
                points=2,
                earned=0.5,
                detail="ZeroDivisionError: SECRET-DETAIL",
            ),
            Outcome("style", "error", message="Erreur de syntaxe."),
        ],
    )
    return stored(python, learner, result)


def test_a_stored_result_shows_each_test_status_hidden_badge_and_points(client, learner, graded_python):
    items = page(client, learner, graded_python.exercise).select("#resultat ul.tests > li.test")
    assert [li["class"] for li in items] == [["test", "test-passed"], ["test", "test-failed"], ["test", "test-error"]]
    assert [li.select_one(".test-status").get_text(strip=True) for li in items] == ["✓ réussi", "✗ échoué", "⚠ erreur"]
    badges = [[b.get_text(strip=True) for b in li.select("span.badge")] for li in items]
    assert badges == [["1 / 1 pt"], ["caché", "0,50 / 2 pt"], []]
    assert items[1].select_one("pre.test-message").get_text() == "Votre fonction plante."


def test_why_a_test_failed_is_for_trainers_only(client, learner, trainer, graded_python):
    learners_page = page(client, learner, graded_python.exercise)
    assert learners_page.select("li.test") and not learners_page.select("details.test-detail")
    assert "SECRET-DETAIL" not in str(learners_page) and "Pourquoi" not in str(learners_page)
    trainers_page = review(client, trainer, graded_python)
    (detail,) = trainers_page.select("li.test-failed details.test-detail")
    assert detail.summary.get_text(strip=True) == "Pourquoi (visible par les formateurs seulement)"
    assert detail.pre.get_text() == "ZeroDivisionError: SECRET-DETAIL"


def test_a_cell_left_to_the_trainer_shows_no_points_yet(client, learner, notebook):
    result = Result(
        status="failed",
        score=0.0,
        message="En attente.",
        pending=1,
        tests=[Outcome("explication", "pending", points=1, key="explication", manual=True)],
    )
    stored(notebook, learner, result)
    (item,) = page(client, learner, notebook).select("#resultat li.test")
    assert "test-pending" in item["class"]
    assert item.select_one(".test-status").get_text(strip=True) == "⏳ à noter par le formateur"
    assert not item.select("span.badge")
