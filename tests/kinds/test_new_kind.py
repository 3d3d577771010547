"""The test of the design (issue 14): a new exercise kind is one package and one registry line.

tests/kinds/toy/ is such a package (« écho »: type the expected sentence). Registered beside the real
kinds — the one line a new kind adds to exercises/kinds/__init__.py —, it is read from a course
package, authored in the browser form, exported, stored (Exercise.kind's choices come from the
registry: no migration), shown to a learner with its own work form and templates, served a page of
its own, and graded, with no other change to the platform."""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.urls import clear_url_caches
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


def _load_urls():
    """The URLs as a process starting with this registry builds them (the kinds' pages included)."""
    import config.urls
    import exercises.urls

    importlib.reload(exercises.urls)
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def echo():
    """The registry with one more line, as exercises/kinds/__init__.py would have it."""
    registry = kinds.REGISTRY
    kinds.REGISTRY = [*registry, LINE]
    kind = import_string(LINE)()
    kinds.KINDS[kind.name] = kind
    _load_urls()
    yield kind
    kinds.REGISTRY = registry
    del kinds.KINDS[kind.name]
    _load_urls()


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


def _exercise(module, **fields):
    return Exercise.objects.create(
        module=module,
        slug="repeter",
        title="Répéter",
        kind="echo",
        status=PublishStatus.PUBLISHED,
        starter={"reponse.txt": ""},
        solution={"reponse.txt": "Bonjour tout le monde"},
        **fields,
    )


def test_a_learner_does_it_in_its_own_form_and_is_graded_by_its_grader(echo, module, client, learner):
    exercise = _exercise(module)
    client.force_login(learner)
    page = BeautifulSoup(client.get(exercise.get_absolute_url()).content.decode(), "html.parser")
    assert page.select_one("#work-title").get_text(strip=True) == "Votre phrase"
    assert page.select_one("#exercise-form input[name=phrase]") is not None  # its form, not code files
    assert "4 mot(s)" in page.select_one("#exercise-form").get_text()  # its page context
    refused = client.post(exercise.get_absolute_url(), {"phrase": "", "mode": "check"})
    errors = BeautifulSoup(refused.content.decode(), "html.parser").select_one("#resultat .errorlist-box")
    assert refused.status_code == 400 and errors.get_text(strip=True) == "Écrivez la phrase avant d'envoyer."
    assert not Submission.objects.filter(exercise=exercise).exists()
    for text, status in (("Au revoir", "failed"), ("  Bonjour tout le monde ", "passed")):
        # « check » asked, « submit » decided by the kind (work_sent)
        response = client.post(exercise.get_absolute_url(), {"phrase": text, "mode": "check"})
        assert response.status_code == 302, response.status_code
        submission = Submission.objects.filter(exercise=exercise, learner=learner).latest("pk")
        assert (submission.status, submission.mode, submission.files) == (
            status,
            "submit",
            {"reponse.txt": text.strip()},
        )
    result = BeautifulSoup(client.get(response["Location"]).content.decode(), "html.parser")
    assert "La phrase attendue" in result.select_one("#resultat").get_text()


def test_it_serves_a_page_of_its_own_where_the_work_is_a_submission_too(echo, module, client, learner):
    exercise = _exercise(module)
    client.force_login(learner)
    page = BeautifulSoup(client.get(exercise.get_absolute_url()).content.decode(), "html.parser")
    own = page.select_one("#echo-page")["href"]
    assert own == f"/exercices/{exercise.pk}/echo/"
    shown = BeautifulSoup(client.get(own).content.decode(), "html.parser")
    assert shown.h1.get_text(strip=True) == "Écho : Répéter" and shown.select_one("#echo-form input[name=phrase]")
    response = client.post(own, {"phrase": "Bonjour tout le monde"})
    submission = Submission.objects.get(exercise=exercise, learner=learner)
    assert response["Location"] == f"{exercise.get_absolute_url()}?soumission={submission.pk}#resultat"
    assert (submission.status, submission.score) == ("passed", 1.0)


def test_its_own_page_checks_access_as_the_exercise_page_does(echo, module, client, learner, django_user_model):
    exercise = _exercise(module)
    client.force_login(django_user_model.objects.create_user("passant", password="x"))
    own = f"/exercices/{exercise.pk}/echo/"
    assert client.get(own).status_code == 403  # not enrolled in the course
    assert client.post(own, {"phrase": "Bonjour tout le monde"}).status_code == 403
    assert not Submission.objects.filter(exercise=exercise).exists()
    client.logout()
    assert client.get(own)["Location"].startswith("/comptes/")
    other = Exercise.objects.create(module=module, slug="autre", title="Autre", kind="python", status="published")
    client.force_login(learner)
    assert client.get(f"/exercices/{other.pk}/echo/").status_code == 404  # another kind's exercise


def test_without_its_registry_line_its_page_does_not_exist(client, learner):
    from django.urls import NoReverseMatch, reverse

    with pytest.raises(NoReverseMatch):
        reverse("exercises:echo_page", args=[1])
    client.force_login(learner)
    assert client.get("/exercices/1/echo/").status_code == 404
