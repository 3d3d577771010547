"""What an exercise kind is: the interface the platform calls, with the defaults most kinds keep.

A kind is one package, exercises/kinds/<kind>/: its `Kind` subclass (in `__init__.py`) says what the
kind does and reads, edits and exports its exercises; its grader (`grader.py`) grades a submission;
its templates (`templates/kinds/<kind>/`) show the learner's work. Code outside the package asks
the kind object (`kind_of(exercise.kind).work`, `.read(…)`, `.apply(…)`) and never compares names.
"""

from functools import cached_property
from importlib import import_module

from django import forms
from django.utils.translation import gettext_lazy as _

REQUIRED = _("Ce champ est obligatoire pour ce type d'exercice.")


class Kind:
    name = ""  # stored in Exercise.kind and written in exercise.toml
    label = ""  # shown to authors and learners
    # Graded by a worker, in the sandbox (learner code). False: in the web process, at once (a quiz).
    in_sandbox = True
    # The learner's work: "files" (typed in code fields), "answers" (a form's answers, {question id:
    # answer}) or "notebook" (cells typed in the page, or an .ipynb uploaded).
    work = "files"
    # The file a code exercise without a starter is typed into.
    default_file = "solution.py"
    # A web page: shown in a sandboxed iframe with a live preview, graded in a browser, screenshots kept.
    web_page = False
    # Grading makes a document the learner reads (an executed notebook), stored beside the result.
    document = False
    # Its tests are found by running them: the tests of the reference solution's run are the ones that count.
    runner = False
    # Checked by its own definition: no reference solution to run (« Tester la correction » has nothing to do).
    self_checked = False

    def __repr__(self):
        return f"<kind {self.name}>"

    # ------------------------------------------------------------ grading

    @property
    def grader(self):
        """The module whose grade(spec, submission, *, public_only, artefacts) -> Result grades this kind."""
        return f"{type(self).__module__}.grader"

    @cached_property
    def grader_module(self):
        return import_module(self.grader)

    def grade(self, spec, submission, *, public_only=False, artefacts=False):
        """One outcome: the Result, with what the grading made beside it in Result.artefacts."""
        return self.grader_module.grade(spec, submission, public_only=public_only, artefacts=artefacts)

    def work_of(self, submission):
        """What the grader grades of a stored submission: its files, by default."""
        return submission.files

    def store_artefacts(self, submission_id, artefacts):
        """Keep what the grading made beside the verdict (Result.artefacts), replacing a previous grading's."""

    def warm(self):
        """In a worker, after a grading: get the next one's costly start ready (a process pair, a kernel)."""
        prepare = getattr(self.grader_module, "prepare_if_used", None)
        if prepare is not None:
            prepare()

    # ------------------------------------------------------------ the learner's page

    # Templates, in the kind package's templates/kinds/<kind>/ (or the kinds' shared templates/kinds/):
    # the learner's work inside the exercise page's form, what the page shows beside it (a web page's
    # live preview), one test of a result, and what a result shows after its tests.
    work_template = "kinds/files/work.html"
    beside_template = ""
    test_template = "kinds/test.html"
    result_template = ""
    work_title = _("Votre code")
    # The work form sends files (an uploaded notebook).
    uploads = False

    # ------------------------------------------------------------ a course package's folder

    def read(self, folder, spec, meta, errors):
        """Read and check what is this kind's in an exercise folder (starter/, solution/ and tests/ are
        already in `spec`); append `file:line: message` to `errors`."""

    def export(self, exercise, folder):
        """Write this kind's files into an exercise folder (exercise.toml and the statement are written
        by the caller): by default the starter, solution and tests folders."""
        write_tree(folder, [("starter", exercise.starter), ("solution", exercise.solution), ("tests", exercise.tests)])

    def export_meta(self, exercise):
        """TOML tables of this kind to add to exercise.toml (text)."""
        return ""

    # ------------------------------------------------------------ the authoring form

    def form_fields(self):
        """This kind's fields of the authoring form ({name: form field}), added after the common ones
        (title, statement, points, attempts…) of exercises.forms.ExerciseForm; no other kind's."""
        return {}

    @property
    def authoring_fields(self):
        return tuple(self.form_fields())

    def is_simple(self, exercise):
        """Whether the browser form can edit this exercise's files (else only its description and limits)."""
        return True

    def initial(self, exercise):
        """The form's initial values of this kind's fields."""
        return {}

    def clean_form(self, form, data):
        """Check this kind's fields of a bound ExerciseForm; report with form.add_error."""

    def apply(self, exercise, data):
        """Copy the cleaned form's values of this kind's fields onto the exercise (not saved)."""


def write_tree(folder, parts):
    for sub, files in parts:
        for name, content in files.items():
            target = folder / sub / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")


def require(form, data, names):
    for name in names:
        if not (data.get(name) or "").strip():
            form.add_error(name, REQUIRED)


def code_field(label, rows=8, **kwargs):
    """A textarea for code in the authoring form (kept as typed: no stripping)."""
    return forms.CharField(
        label=label, required=False, strip=False, widget=forms.Textarea(attrs={"rows": rows, "class": "code"}), **kwargs
    )
