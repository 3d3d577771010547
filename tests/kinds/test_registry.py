"""The registry of exercise kinds (exercises/kinds/__init__.py): one Kind object per name, its grader, its
form fields, and warming that starts nothing in a process that graded nothing."""

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils.module_loading import import_string

from exercises import kinds
from exercises.forms import ExerciseForm
from exercises.kinds import KIND_FIELDS, KINDS, REGISTRY, SANDBOX_FIELDS, Kind, kind_of
from exercises.models import Exercise

ROOT = Path(__file__).resolve().parents[2]


def test_every_entry_is_an_instance_of_its_own_kind_subclass():
    assert len(KINDS) == len(REGISTRY) == 8
    for path in REGISTRY:
        kind = kind_of(import_string(path).name)
        assert isinstance(kind, Kind) and type(kind) is not Kind and type(kind) is import_string(path), path


def test_names_are_unique_and_are_the_models_choices():
    names = [import_string(path).name for path in REGISTRY]
    assert len(set(names)) == len(names) and all(names)
    assert all(KINDS[name].name == name for name in names)
    assert [value for value, _label in Exercise._meta.get_field("kind").choices] == names
    assert dict(kinds.choices()) == {name: KINDS[name].label for name in names}


def test_an_unknown_kind_is_a_key_error():
    with pytest.raises(KeyError):
        kind_of("scratch")


@pytest.mark.parametrize("name", list(KINDS))
def test_each_grader_module_grades_with_the_common_signature(name):
    kind = kind_of(name)
    assert kind.grader.startswith("exercises.kinds.") and kind.grader.endswith(".grader")
    grade = kind.grader_module.grade
    parameters = inspect.signature(grade).parameters
    assert list(parameters)[:2] == ["spec", "submission"]
    assert {p: parameters[p].kind for p in ("public_only", "artefacts")} == {
        "public_only": inspect.Parameter.KEYWORD_ONLY,
        "artefacts": inspect.Parameter.KEYWORD_ONLY,
    }


def test_authoring_fields_are_fields_of_the_exercise_form(module):
    """Each kind declares its own fields (form_fields); the form holds the common ones and the kind's."""
    common = set(ExerciseForm.base_fields)
    assert not common & KIND_FIELDS
    for kind in KINDS.values():
        form = ExerciseForm(module=module, kind=kind)
        assert set(form.fields) - common == set(kind.authoring_fields), kind.name
    form_fields = common | KIND_FIELDS
    for kind in KINDS.values():
        assert set(kind.authoring_fields) <= form_fields, kind.name
    assert set().union(*(kind.authoring_fields for kind in KINDS.values())) == KIND_FIELDS
    assert set(SANDBOX_FIELDS) <= form_fields and not set(SANDBOX_FIELDS) & KIND_FIELDS


def test_warm_all_warms_each_grader_once(monkeypatch):
    calls = []
    for name, kind in KINDS.items():
        monkeypatch.setattr(kind, "warm", lambda name=name: calls.append(name))
    kinds.warm_all()
    # html and dom share exercises.kinds.web.grader: its warming is done once.
    assert calls == ["quiz", "python", "sql", "javascript", "html", "notebook", "simulation"]


WARM = """
import json, os
import django
django.setup()
from exercises import browser, kinds
for kind in kinds.KINDS.values():
    kind.warm()
kinds.warm_all()
children = []
for task in os.listdir("/proc/self/task"):
    with open(f"/proc/self/task/{task}/children") as f:
        children += f.read().split()
spares = {
    name: getattr(kind.grader_module, "_spare", None) is None for name, kind in kinds.KINDS.items()
}
print(json.dumps({"browser": browser.BROWSER.browser is None, "children": children, "spares": spares}))
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
def test_warming_every_kind_in_a_fresh_process_starts_no_browser_and_no_sandbox():
    """A worker that graded nothing yet: warm() of each kind must not start what it would spare."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    run = subprocess.run(
        [sys.executable, "-c", WARM], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr[-3000:]
    state = json.loads(run.stdout.strip().splitlines()[-1])
    assert state == {"browser": True, "children": [], "spares": dict.fromkeys(KINDS, True)}
