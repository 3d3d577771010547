"""Notebook exercises in the browser's forms (Django client, real sandbox): answer in the platform,
download the learner's copy, upload an .ipynb, see the executed notebook, a trainer grades the manual cell."""

import io
import zipfile

import nbformat
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import Enrolment
from exercises import services
from exercises.models import RenderedNotebook, Submission

from .conftest import load_exercise

MOYENNE = "def moyenne(liste):\n    return sum(liste) / len(liste)"
TOTAL = "import pandas as pd\ndf = pd.read_csv('data/villes.csv')\ntotal = int(df['pop'].sum())"


@pytest.fixture
def notebook_exercise(module):
    return load_exercise(module, "notebook-villes", time_limit=5)


@pytest.fixture
def enrolled(resident, basics_course):
    Enrolment.objects.create(user=resident, course=basics_course)
    return resident


def fields(exercise, **answers):
    """The form's answer fields by grade_id: cell_<index>."""
    copy = nbformat.reads(exercise.starter["notebook.ipynb"], as_version=4)
    index = {c.metadata.get("nbgrader", {}).get("grade_id"): i for i, c in enumerate(copy.cells)}
    return {f"cell_{index[key.replace('_', '-')]}": value for key, value in answers.items()}


def test_the_page_shows_cells_in_order_with_text_areas_for_answers_only(client, enrolled, notebook_exercise):
    client.force_login(enrolled)
    page = client.get(notebook_exercise.get_absolute_url()).content.decode()
    assert page.count("<textarea") == 3  # two code answers, one written answer
    assert "assert moyenne([10, 20]) == 15" in page  # public test, read-only
    assert (
        "moyenne([1, 2, 3, 6])" not in page and "BEGIN SOLUTION" not in page and "sum(liste) / len(liste)" not in page
    )
    assert 'enctype="multipart/form-data"' in page and 'value="check"' in page
    assert reverse("exercises:notebook_bundle", args=[notebook_exercise.pk]) in page


def test_a_notebook_shows_its_real_points_and_names_its_tests_for_people(
    client, enrolled, notebook_exercise, eager, django_capture_on_commit_callbacks
):
    """The header said « 1 point » for a notebook worth 4; results named tests by grade_id (« q1-tests »)."""
    client.force_login(enrolled)
    page = client.get(notebook_exercise.get_absolute_url()).content.decode()
    assert "Notebook Jupyter · 4 points" in page
    data = {"mode": "submit", **fields(notebook_exercise, reponse=MOYENNE, reponse_total=TOTAL, explication="Somme.")}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(notebook_exercise.get_absolute_url(), data)
    names = [t["name"] for t in Submission.objects.get().result["tests"]]
    assert names == [
        "Tests de la question 1 (2 points)",
        "Tests de la question 2 (1 point)",
        "Réponse rédigée n° 1 (1 point)",
    ]
    assert not any("tests-moyenne" in name for name in names)


def test_a_test_cell_is_named_by_its_first_comment_and_never_by_a_hidden_one():
    from exercises.kinds.notebook.grader import _cell_title

    assert _cell_title("# La moyenne de deux notes\nassert moyenne([1, 3]) == 2") == "La moyenne de deux notes"
    assert _cell_title('"""Check that squares returns the correct output"""\nassert squares(1) == [1]') == (
        "Check that squares returns the correct output"
    )
    assert _cell_title("assert x == 1\n# trop tard") == ""


def test_downloads_are_the_learners_copy_and_its_data(client, enrolled, notebook_exercise):
    client.force_login(enrolled)
    copy = client.get(reverse("exercises:notebook_download", args=[notebook_exercise.pk]))
    assert copy["Content-Disposition"].startswith("attachment")
    assert b"NotImplementedError" in copy.content and b"HIDDEN" not in copy.content
    bundle = zipfile.ZipFile(
        io.BytesIO(client.get(reverse("exercises:notebook_bundle", args=[notebook_exercise.pk])).content)
    )
    assert sorted(bundle.namelist()) == ["notebook-villes/data/villes.csv", "notebook-villes/notebook-villes.ipynb"]


def test_check_in_the_platform_shows_outputs_under_the_cells(
    client, enrolled, notebook_exercise, eager, django_capture_on_commit_callbacks
):
    client.force_login(enrolled)
    data = {
        "mode": "check",
        **fields(notebook_exercise, reponse=MOYENNE + "\nprint('calcul prêt')", reponse_total=TOTAL),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(notebook_exercise.get_absolute_url(), data)
    submission = Submission.objects.get()
    assert submission.mode == "check" and submission.status == "passed"
    page = client.get(response.url).content.decode()
    assert "Le notebook exécuté" in page and "calcul prêt" in page
    assert "moyenne([1, 2, 3, 6])" not in page  # hidden tests are neither run nor shown
    # The answers stay in the editor.
    assert "print(&#x27;calcul prêt&#x27;)" in page


def test_submit_then_the_trainer_grades_the_written_answer(
    client, enrolled, trainer, notebook_exercise, eager, django_capture_on_commit_callbacks
):
    client.force_login(enrolled)
    data = {
        "mode": "submit",
        **fields(
            notebook_exercise,
            reponse=MOYENNE,
            reponse_total=TOTAL,
            explication="Le total est la somme des populations.",
        ),
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(notebook_exercise.get_absolute_url(), data)
    submission = Submission.objects.get()
    assert submission.needs_review and submission.score == 0.75
    assert RenderedNotebook.objects.filter(submission=submission).exists()
    page = client.get(notebook_exercise.get_absolute_url()).content.decode()
    assert "Note provisoire : 3 / 4 points" in page and "à noter par le formateur" in page
    services.submission_grade_manual(submission=submission, by=trainer, points={"explication": 1})
    submission.refresh_from_db()
    assert not submission.needs_review and submission.status == "passed" and submission.score == 1.0
    # A re-grading keeps the trainer's points.
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_regrade(submission=submission)
    submission.refresh_from_db()
    assert submission.score == 1.0 and not submission.needs_review


def test_an_uploaded_notebook_is_graded_with_the_sources_tests(
    client, enrolled, notebook_exercise, eager, django_capture_on_commit_callbacks
):
    client.force_login(enrolled)
    copy = nbformat.reads(notebook_exercise.starter["notebook.ipynb"], as_version=4)
    copy.cells[1].source = MOYENNE
    copy.cells = [c for c in copy.cells if not c.metadata.get("nbgrader", {}).get("grade")]  # tests deleted
    upload = SimpleUploadedFile(
        "mon-travail.ipynb", nbformat.writes(copy).encode(), content_type="application/x-ipynb+json"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(notebook_exercise.get_absolute_url(), {"mode": "submit", "upload": upload})
    submission = Submission.objects.get()
    tests = {t["key"]: t for t in submission.result["tests"]}
    assert tests["tests-moyenne"]["status"] == "passed" and tests["tests-total"]["status"] == "failed"


@pytest.mark.parametrize(
    "payload, status, message",
    [
        (b"{pas du json", "error", "JSON invalide"),
        (b"\xff\xfe", None, "UTF-8"),
        (b" " * (6 * 1024 * 1024), None, "dépasse 5 Mio"),
    ],
)
def test_bad_uploads_get_a_clear_message(
    client, enrolled, notebook_exercise, eager, django_capture_on_commit_callbacks, payload, status, message
):
    client.force_login(enrolled)
    upload = SimpleUploadedFile("travail.ipynb", payload)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(notebook_exercise.get_absolute_url(), {"mode": "submit", "upload": upload})
    page = (client.get(response.url) if response.status_code == 302 else response).content.decode()
    assert message in page, page[page.find('id="resultat"') :][:1500]
    if status:  # stored first, then explained
        assert Submission.objects.get().status == status
    else:
        assert not Submission.objects.exists()


def test_only_who_may_see_a_submission_downloads_its_notebook(client, enrolled, other_trainee, notebook_exercise):
    submission = services.submission_create(
        exercise=notebook_exercise,
        learner=enrolled,
        mode="check",
        files={"notebook.ipynb": notebook_exercise.starter["notebook.ipynb"]},
    )
    url = reverse("exercises:submission_notebook", args=[submission.pk])
    client.force_login(other_trainee)
    assert client.get(url).status_code in (403, 404)
    client.force_login(enrolled)
    assert client.get(url).status_code == 200


@pytest.fixture
def graded_notebook(notebook_exercise, trainee, cohort, eager, django_capture_on_commit_callbacks):
    """A trainee's notebook submission, graded in the sandbox, with one written answer to grade."""
    notebook_exercise.module.course.cohorts.add(cohort)
    copy = nbformat.reads(notebook_exercise.starter["notebook.ipynb"], as_version=4)
    answers = {
        "reponse": MOYENNE,
        "reponse-total": TOTAL,
        "explication": "Une réponse rédigée <script>alert(1)</script>",
    }
    for cell in copy.cells:
        key = cell.metadata.get("nbgrader", {}).get("grade_id")
        if key in answers:
            cell.source = answers[key]
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.submission_create(
            exercise=notebook_exercise, learner=trainee, mode="submit", files={"notebook.ipynb": nbformat.writes(copy)}
        )
    submission.refresh_from_db()
    return submission


def test_the_trainer_reads_the_executed_notebook_and_grades_the_written_answer(
    client, trainer, trainee, graded_notebook
):
    assert graded_notebook.needs_review
    told = {n.kind: n for n in trainer.notifications.all()}  # the trainer heard of it, the bell says where
    assert told["written_waiting"].url == f"/exercices/suivi/?exercise={graded_notebook.exercise_id}&status=review"
    assert "Des réponses rédigées à noter pour" in told["written_waiting"].text
    assert "Une nouvelle soumission pour" in told["submitted"].text
    client.force_login(trainer)
    listing = client.get(reverse("exercises:review_list"), {"status": "review"}).content.decode()
    assert "1 soumission" in listing and "à noter" in listing
    page = client.get(reverse("exercises:submission_detail", args=[graded_notebook.pk])).content.decode()
    assert "Noter les réponses rédigées" in page and "Une réponse rédigée" in page
    assert "<script>alert(1)" not in page  # the learner's markdown is sanitised
    assert '"notebook.ipynb"' not in page  # no JSON dump of the file: the executed notebook instead
    response = client.post(
        reverse("exercises:review_manual", args=[graded_notebook.pk]),
        {"points_explication": "0.5", "comment": "Précisez l'unité."},
    )
    assert response.status_code == 302
    graded_notebook.refresh_from_db()
    assert not graded_notebook.needs_review and graded_notebook.score == 0.875
    (graded,) = trainee.notifications.all()
    assert graded.kind == "written_graded" and graded.url == f"/exercices/soumissions/{graded_notebook.pk}/"
    title = graded_notebook.exercise.title
    assert graded.text == f"{trainer.display_name} a noté vos réponses rédigées de « {title} »."
    assert (
        client.post(
            reverse("exercises:review_manual", args=[graded_notebook.pk]), {"points_explication": "5"}
        ).status_code
        == 400
    )
    assert "Aucune soumission" in client.get(reverse("exercises:review_list"), {"status": "review"}).content.decode()


def test_only_the_learners_trainers_grade_written_answers(client, other_trainer, trainee, graded_notebook):
    url = reverse("exercises:review_manual", args=[graded_notebook.pk])
    for user in (other_trainer, trainee):
        client.force_login(user)
        assert client.post(url, {"points_explication": "1"}).status_code in (403, 404)
    graded_notebook.refresh_from_db()
    assert graded_notebook.needs_review


def test_regrade_all_shows_a_progress_bar(
    client, trainer, graded_notebook, notebook_exercise, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("exercises:exercise_regrade", args=[notebook_exercise.pk]))
    page = client.get(reverse("exercises:review_list"), {"exercise": notebook_exercise.pk}).content.decode()
    assert 'id="regrade-progress"' in page and 'hx-trigger="every 1s"' in page and "Corrigées : 0 sur 1" in page
    services.submission_grade(submission_id=graded_notebook.pk, worker="test")
    fragment = client.get(
        reverse("exercises:review_list"), {"exercise": notebook_exercise.pk}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Corrigées : 1 sur 1" in fragment and "every 1s" not in fragment and "<table" not in fragment


def test_a_chart_is_served_apart_from_the_page_to_who_may_see_it(
    client, enrolled, other_trainee, notebook_exercise, eager, django_capture_on_commit_callbacks
):
    client.force_login(enrolled)
    chart = (
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(2, 1), dpi=50)\nax.bar(['A', 'B'], [1, "
        "2])\nplt.show()\n" + MOYENNE
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            notebook_exercise.get_absolute_url(),
            {"mode": "check", **fields(notebook_exercise, reponse=chart, reponse_total=TOTAL)},
        )
    submission = Submission.objects.get()
    rendered = RenderedNotebook.objects.get(submission=submission)
    assert "data:image" not in rendered.html and len(rendered.images) == 1
    url = reverse("exercises:notebook_image", args=[submission.pk, 0])
    page = client.get(response.url).content.decode()
    assert f'src="{url}" loading="lazy"' in page
    image = client.get(url)
    assert image.status_code == 200 and image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")
    assert client.get(reverse("exercises:notebook_image", args=[submission.pk, 1])).status_code == 404
    client.force_login(other_trainee)
    assert client.get(url).status_code in (403, 404)
