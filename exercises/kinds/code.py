"""Kinds whose learner types code files and whose tests are programs (Python's pytest, node --test)."""

from django.utils.translation import gettext as _

from .base import Kind, require

CODE_FIELDS = ("filename", "starter", "solution", "public_tests", "hidden_tests")


class TestedCode(Kind):
    runner = True
    authoring_fields = CODE_FIELDS
    # Where the browser-authored tests live in an exercise, and the learner file's suffix.
    hidden_file = ""
    public_file = ""
    suffix = ""

    def read(self, folder, spec, meta, errors):
        if not any(not k.startswith("public/") for k in spec.tests) and not spec.public_tests:
            errors.append(f"{folder / 'tests'}:1: " + _("aucun test : ajoutez des fichiers de tests dans tests/"))
        if not spec.solution:
            errors.append(f"{folder / 'solution'}:1: " + _("solution de référence manquante"))

    def is_simple(self, exercise):
        """One learner file (and the usual test files): editable in the browser."""
        return (
            len(exercise.starter) <= 1
            and len(exercise.solution) <= 1
            and set(exercise.tests) <= {self.hidden_file, self.public_file}
        )

    def initial(self, exercise):
        name = next(iter(exercise.solution or exercise.starter or {}), "")
        return {
            "filename": name,
            "starter": exercise.starter.get(name, ""),
            "solution": exercise.solution.get(name, ""),
            "public_tests": exercise.tests.get(self.public_file, ""),
            "hidden_tests": exercise.tests.get(self.hidden_file, ""),
        }

    def clean_form(self, form, data):
        require(form, data, ["filename", "solution", "hidden_tests"])
        if data.get("filename") and not data["filename"].endswith(self.suffix):
            form.add_error("filename", _("Ce type d'exercice attend un fichier %(ext)s.") % {"ext": self.suffix})

    def apply(self, exercise, data):
        name = data["filename"]
        exercise.starter = {name: data["starter"]} if data.get("starter") else {}
        exercise.solution = {name: data["solution"]}
        exercise.tests = {self.hidden_file: data["hidden_tests"]}
        if (data.get("public_tests") or "").strip():
            exercise.tests[self.public_file] = data["public_tests"]
        exercise.config = {}
