from pathlib import Path

import pytest

from courses.models import Module, Status
from exercises.models import Exercise
from exercises.packages import ExerciseFolders

EXAMPLES = Path(__file__).parent / "examples"


@pytest.fixture
def eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from config.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


# The demo's simulations (content/), used as examples as they are.
CONTENT = Path(__file__).resolve().parent.parent.parent / "content"
SIMULATIONS = {
    "simulation-courriel": CONTENT / "premiers-pas-courriel/02-lire-et-ecrire-un-message/06-simulation-repondre",
    "simulation-sms": CONTENT / "demarches-en-ligne-arnaques/02-reperer-les-arnaques/05-simulation-sms",
    "simulation-achat": CONTENT / "demarches-en-ligne-arnaques/02-reperer-les-arnaques/06-simulation-achat",
    "simulation-rendez-vous": CONTENT
    / "demarches-en-ligne-arnaques/01-demarches-administratives/06-simulation-rendez-vous",
    "simulation-demarche": CONTENT / "demarches-en-ligne-arnaques/01-demarches-administratives/07-simulation-demarche",
    "simulation-compte": CONTENT / "premiers-pas-courriel/01-comprendre-le-courriel/05-simulation-compte",
}


def load_exercise(module, name, **overrides):
    folder = SIMULATIONS.get(name, EXAMPLES / name)
    handler = ExerciseFolders()
    spec = handler.read(folder, name)
    handler.upsert(module, spec, order=100)
    exercise = Exercise.objects.get(module=module, slug=name)
    for key, value in overrides.items():
        setattr(exercise, key, value)
    exercise.status = Status.PUBLISHED
    exercise.save()
    return exercise


@pytest.fixture
def module(basics_course):
    return Module.objects.filter(course=basics_course).first()


@pytest.fixture
def python_exercise(module):
    return load_exercise(module, "moyenne")


@pytest.fixture
def sql_exercise(module):
    return load_exercise(module, "livres-recents")


@pytest.fixture
def quiz_exercise(module):
    return load_exercise(module, "quiz-arnaques")
