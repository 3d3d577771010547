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


def load_exercise(module, name, **overrides):
    folder = EXAMPLES / name
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
