"""The test of the design (issue 14): a new exercise kind is one package and one registry line.

tests/kinds/toy/ is such a package (« écho »: type the expected sentence). Registered beside the real
kinds — the one line a new kind adds to exercises/kinds/__init__.py —, it is read from a course
package, authored in the browser form, exported, stored (Exercise.kind's choices come from the
registry: no migration), shown to a learner and graded, with no other change to the platform."""

import pytest
from bs4 import BeautifulSoup
from django.utils.module_loading import import_string

from courses.models import Enrolment
from courses.models import Status as PublishStatus
from exercises import kinds
from exercises.forms import ExerciseForm, apply_form, initial_for
from exercises.models import Exercise, Submission
from exercises.spec import read_exercise

from .helpers import export_and_read, form_data, read_errors, write_folder

LINE = "tests.kinds.toy.Echo"
FOLDER = {
    "exercise.toml": 'title = "Répéter"\nkind = "echo"\n',
    "statement.md": "Écrivez « Bonjour ».\n",
    "solution/reponse.txt": "Bonjour\n",
}


@pytest.fixture
def echo(monkeypatch):
    """The registry with one more line, as exercises/kinds/__init__.py would have it."""
    monkeypatch.setattr(kinds, "REGISTRY", [*kinds.REGISTRY, LINE])
    kind = import_string(LINE)()
    monkeypatch.setitem(kinds.KINDS, kind.name, kind)
    return kind


@pytest.fixture
def learner(trainee, basics_course):
    Enrolment.objects.create(user=trainee, course=basics_course)
    return trainee


def test_an_unregistered_kind_is_refused_by_name(tmp_path):
    errors = read_errors(write_folder(tmp_path / "repeter", FOLDER))
    assert len(errors) == 1 and "« kind » doit valoir l'un de" in errors[0] and "echo" not in errors[0]


def test_the_registered_kind_reads_its_folder(echo, tmp_path):
    spec = read_exercise(write_folder(tmp_path / "repeter", FOLDER))
    assert (spec.kind, spec.title, spec.solution) == ("echo", "Répéter", {"reponse.txt": "Bonjour\n"})


def test_the_kind_reports_its_own_problems(echo, tmp_path):
    files = {name: text for name, text in FOLDER.items() if not name.startswith("solution/")}
    errors = read_errors(write_folder(tmp_path / "repeter", files))
    assert errors == [f"{tmp_path / 'repeter' / 'solution' / 'reponse.txt'}:1: fichier manquant"]


def test_its_authoring_form_has_its_field_and_no_run_limits(echo, module):
    form = ExerciseForm(module=module, kind=echo)
    assert "expected" in form.fields and form.kind_label == "Écho"
    assert not {"time_limit", "memory_limit", "gift", "filename", "checks", "notebook"} & set(form.fields)


def test_its_form_requires_its_field_then_applies_and_gives_it_back(echo, module):
    refused = ExerciseForm(form_data("echo"), module=module, kind=echo)
    assert not refused.is_valid() and refused.errors["expected"] == [
        "Ce champ est obligatoire pour ce type d'exercice."
    ]
    form = ExerciseForm(form_data("echo", expected="Bonjour"), module=module, kind=echo)
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    assert (exercise.kind, exercise.solution, exercise.starter) == (
        "echo",
        {"reponse.txt": "Bonjour"},
        {"reponse.txt": ""},
    )
    assert initial_for(exercise)["expected"] == "Bonjour"


def test_it_is_stored_without_a_migration_and_exported_as_read(echo, module, tmp_path):
    exercise = Exercise(
        module=module, slug="repeter", title="Répéter", kind="echo", solution={"reponse.txt": "Bonjour"}
    )
    exercise.full_clean()  # the model's choices are the registry's
    exercise.save()
    assert exercise.get_kind_display() == "Écho"
    spec = export_and_read(exercise, tmp_path / "repeter")
    assert (spec.kind, spec.solution) == ("echo", {"reponse.txt": "Bonjour"})


def test_a_learner_does_it_and_is_graded_by_its_grader(echo, module, client, learner):
    exercise = Exercise.objects.create(
        module=module,
        slug="repeter",
        title="Répéter",
        kind="echo",
        status=PublishStatus.PUBLISHED,
        starter={"reponse.txt": ""},
        solution={"reponse.txt": "Bonjour"},
    )
    client.force_login(learner)
    page = BeautifulSoup(client.get(exercise.get_absolute_url()).content.decode(), "html.parser")
    assert page.select_one("#work-title").get_text(strip=True) == "Votre code"
    assert page.select_one("label.filename").get_text(strip=True) == "reponse.txt"
    for text, status in (("Au revoir", "failed"), ("  Bonjour ", "passed")):
        response = client.post(exercise.get_absolute_url(), {"file_0": text, "mode": "submit"})
        assert response.status_code == 302, response.status_code
        submission = Submission.objects.filter(exercise=exercise, learner=learner).latest("pk")
        assert (submission.status, submission.files) == (status, {"reponse.txt": text})
    result = BeautifulSoup(client.get(response["Location"]).content.decode(), "html.parser")
    assert "La phrase attendue" in result.select_one("#resultat").get_text()
