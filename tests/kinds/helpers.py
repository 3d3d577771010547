"""Shared by the kind tests: exercise folders written in tmp_path, the authoring form, export."""

import shutil
from pathlib import Path

import pytest

from exercises.forms import ExerciseForm
from exercises.kinds import kind_of
from exercises.packages import ExerciseFolders
from exercises.spec import ExerciseError, read_exercise

EXAMPLES = Path(__file__).resolve().parent.parent / "exercises" / "examples"

# The real sandbox, as tests/exercises does (bubblewrap runs every grading).
needs_sandbox = pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")


def write_folder(folder, files):
    """An exercise folder from {relative path: text or bytes}."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def read_errors(folder):
    """The `file:line: message` errors read_exercise reports for a folder (it must refuse it)."""
    with pytest.raises(ExerciseError) as info:
        read_exercise(folder)
    return info.value.errors


def form_data(kind, **fields):
    """A complete authoring form's common fields, plus the kind's."""
    return {
        "title": "Exercice",
        "slug": "exercice",
        "kind": kind,
        "points": 2,
        "time_limit": 5,
        "memory_limit": 256,
        "penalty": 10,
        "hints": "1: Relisez l'énoncé.",
        **fields,
    }


def make_form(module, kind, data=None, *, files=None, instance=None):
    return ExerciseForm(data, files, module=module, instance=instance, kind=kind_of(kind))


def export_and_read(exercise, folder):
    """Write an exercise as its package folder, then read that folder as an import would."""
    folder.mkdir(parents=True, exist_ok=True)
    ExerciseFolders().export(exercise, folder)
    return read_exercise(folder)
