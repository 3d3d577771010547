"""Kinds whose learner types code files and whose tests are programs (Python's pytest, node --test)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import Kind, code_field, require

# The authoring form's fields of these kinds (form_fields below, in this order).
CODE_FIELDS = ("filename", "starter", "solution", "public_tests", "hidden_tests")


def starter_and_solution():
    return {
        "starter": code_field(gettext_lazy("Code de départ")),
        "solution": code_field(gettext_lazy("Solution de référence")),
    }


class TestedCode(Kind):
    runner = True
    # Where the browser-authored tests live in an exercise, and the learner file's suffix.
    hidden_file = ""
    public_file = ""
    suffix = ""

    def form_fields(self):
        return {
            "filename": forms.RegexField(
                label=gettext_lazy("Nom du fichier de l'apprenant"),
                regex=r"^[A-Za-z0-9_-]+\.(py|sql|js)$",  # the suffix is checked by clean_form, in words
                required=False,
                help_text=gettext_lazy("Par exemple notes.py ou chaines.js ; pour le SQL : query.sql."),
            ),
            **starter_and_solution(),
            "public_tests": code_field(
                gettext_lazy("Tests publics (pytest, ou node --test pour JavaScript)"),
                help_text=gettext_lazy(
                    "Visibles par l'apprenant avec « Vérifier ». La docstring de chaque test sert de nom."
                ),
            ),
            "hidden_tests": code_field(
                gettext_lazy("Tests cachés (pytest, ou node --test pour JavaScript) ; pour le SQL : schéma et données"),
                rows=10,
            ),
        }

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
