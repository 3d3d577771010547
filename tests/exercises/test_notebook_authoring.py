"""Trainers author notebook exercises in the browser: upload the source notebook (nbgrader's conventions)
and its data, see each cell's role, « Tester la correction » in the sandbox, publish; packages round-trip."""

import nbformat
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import Module
from exercises.models import Exercise
from exercises.packages import ExerciseFolders

from .conftest import EXAMPLES

SOURCE = (EXAMPLES / "notebook-villes" / "source.ipynb").read_bytes()
DATA = (EXAMPLES / "notebook-villes" / "data" / "villes.csv").read_bytes()


@pytest.fixture
def module(basics_course):
    return Module.objects.filter(course=basics_course).first()


def form_data(**extra):
    return {
        "title": "Population",
        "slug": "population",
        "kind": "notebook",
        "points": 4,
        "time_limit": 5,
        "memory_limit": 512,
        "penalty": 0,
        **extra,
    }


def test_a_trainer_uploads_a_notebook_sees_the_roles_and_tests_the_correction(client, trainer, module, basics_course):
    client.force_login(trainer)
    url = reverse("exercises:exercise_create", args=[basics_course.slug, module.pk])
    response = client.post(
        url,
        form_data(
            notebook=SimpleUploadedFile("devoir.ipynb", SOURCE),
            notebook_data=[SimpleUploadedFile("villes.csv", DATA)],
            check="1",
        ),
        follow=True,
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    page = response.content.decode()
    exercise = Exercise.objects.get(slug="population")
    assert (
        set(exercise.tests) == {"source.ipynb", "data/villes.csv"}
        and "NotImplementedError" in exercise.starter["notebook.ipynb"]
    )
    assert (
        "La solution de référence réussit tous les tests." in page
        and "Le code de départ échoue, comme attendu." in page
    )
    assert "Tests publics et tests cachés" in page and "Réponse rédigée, notée par le formateur" in page
    assert "tests-moyenne" in page
    # Verified: it may be published; saving again without a new file keeps the notebook and its data.
    assert client.post(reverse("exercises:exercise_publish", args=[exercise.pk]), {"published": "1"}).status_code == 302
    exercise.refresh_from_db()
    assert exercise.is_published
    client.post(reverse("exercises:exercise_edit", args=[exercise.pk]), form_data(title="Population des villes"))
    exercise.refresh_from_db()
    assert exercise.title == "Population des villes" and set(exercise.tests) == {"source.ipynb", "data/villes.csv"}


@pytest.mark.parametrize(
    "payload, message",
    [
        (b"{pas du json", "JSON invalide"),
        (
            nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])).encode(),
            "aucune cellule notée",
        ),
    ],
)
def test_a_bad_source_notebook_is_refused_with_the_reason(client, trainer, module, basics_course, payload, message):
    client.force_login(trainer)
    url = reverse("exercises:exercise_create", args=[basics_course.slug, module.pk])
    response = client.post(url, form_data(notebook=SimpleUploadedFile("devoir.ipynb", payload)))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Exercise.objects.filter(slug="population").exists()


def test_a_learner_cannot_author(client, trainee, module, basics_course):
    client.force_login(trainee)
    url = reverse("exercises:exercise_create", args=[basics_course.slug, module.pk])
    assert client.post(url, form_data(notebook=SimpleUploadedFile("d.ipynb", SOURCE))).status_code in (403, 404)


def test_export_writes_the_source_notebook_and_data_back(module, tmp_path, settings):
    handler = ExerciseFolders()
    spec = handler.read(EXAMPLES / "notebook-villes", "notebook-villes")
    handler.upsert(module, spec, order=1)
    exercise = Exercise.objects.get(slug="notebook-villes")
    handler.export(exercise, tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "data/villes.csv",
        "exercise.toml",
        "source.ipynb",
        "statement.md",
    ]
    again = handler.read(tmp_path, "notebook-villes")
    assert again.tests == spec.tests and again.starter == spec.starter
