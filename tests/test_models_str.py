"""Every model of Tremplin says what it is in the admin, in logs and in shell sessions."""

from django.apps import apps
from django.db import models

APPS = ("accounts", "courses", "exercises", "progress")


def test_every_model_has_its_own_str():
    missing = [
        model.__name__
        for name in APPS
        for model in apps.get_app_config(name).get_models()
        if model.__str__ is models.Model.__str__
    ]
    assert not missing, f"models without __str__: {missing}"
