"""What an exercise kind is: the interface the platform calls, with the defaults most kinds keep.

A kind is one package, exercises/kinds/<kind>/: its `Kind` subclass (in `__init__.py`) says what the
kind does and reads, edits and exports its exercises; its grader (`grader.py`) grades a submission;
its templates (`templates/kinds/<kind>/`) show the learner's work. Code outside the package asks
the kind object (`kind_of(exercise.kind).work_form(…)`, `.read(…)`, `.apply(…)`) and never compares names.
"""

import sys
from functools import cached_property
from importlib import import_module
from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

REQUIRED = _("Ce champ est obligatoire pour ce type d'exercice.")


class Kind:
    name = ""  # stored in Exercise.kind and written in exercise.toml
    label = ""  # shown to authors and learners
    # Graded by a worker, in the sandbox (learner code). False: in the web process, at once (a quiz).
    in_sandbox = True
    # The file a code exercise without a starter is typed into.
    default_file = "solution.py"
    # A web page: shown in a sandboxed iframe with a live preview, graded in a browser, screenshots kept.
    web_page = False
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

    def grading_budget(self, spec):
        """The longest a grading of this exercise may take, in seconds, from its limits: a run past it is
        stuck, and its claim stops being renewed (exercises.services.Heartbeat). By default three runs
        each within their wall-clock limit (the learner's, the tests', a reference), and a minute to start."""
        return 3 * (spec.time_limit * 2 + 5) + 60

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

    @property
    def template_dir(self):
        """The package's templates/ folder (exercises.kinds.loader finds the kind's templates there)."""
        return Path(sys.modules[type(self).__module__].__file__).parent / "templates"

    # Templates, in the kind package's templates/kinds/<kind>/ (or the kinds' shared templates/kinds/):
    # the learner's work inside the exercise page's form, what the page shows beside it (a web page's
    # live preview), one test of a result, what a result shows after its tests, and a column of the
    # learner's history of attempts (two partials, "…#head" and "…#cell").
    work_template = "kinds/files/work.html"
    beside_template = ""
    test_template = "kinds/test.html"
    result_template = ""
    history_head = ""
    history_cell = ""
    work_title = _("Votre code")
    # The work form sends files (an uploaded notebook).
    uploads = False
    # Additions to the Content-Security-Policy of the pages showing this kind's work (a live preview).
    csp = None

    def work_form(self, exercise, learner, data=None, files=None):
        """The form of the learner's work on the exercise page: bound to what was sent, else showing
        their latest work. By default, one text area per code file."""
        from .. import selectors
        from .files import CodeForm, filenames

        names = filenames(exercise, self.default_file)
        if data is not None:
            return CodeForm(data, filenames=names)
        return CodeForm(filenames=names, initial_files=selectors.latest_files(exercise, learner))

    def work_sent(self, exercise, form):
        """What a valid work form hands to grading: the Submission's work ({"files": …} or
        {"answers": …}), with a "mode" if the kind decides it; or None to show the page again and
        ask first (a quiz with questions left blank)."""
        return {"files": form.cleaned_data["files"]}

    def page_context(self, exercise, learner, form):
        """What this kind's templates show on the exercise page beyond the form (a preview, downloads)."""
        return {"has_public_tests": any(name.startswith("public/") for name in exercise.tests)}

    def result_context(self, submission):
        """What a graded submission shows beyond its tests, to the learner and in the trainer's review
        (screenshots, an executed notebook)."""
        return {}

    def urls(self):
        """The kind's own pages: URL patterns added to the exercises app, under its namespace. A kind
        whose learner works through pages of its own (a simulator) serves them here."""
        return []

    # ------------------------------------------------------------ the trainer's review

    # What the review shows of the work besides the code files (a quiz's answers, a notebook's download).
    review_template = ""

    def review_context(self, submission, comments):
        """The work as the trainer reviews it: by default the code files, line by line, with the
        trainer's comments on each line (`files`, which the review template shows and comments on)."""
        from .files import reviewed_files

        return {"files": reviewed_files(submission.files, comments)}

    def manual_parts(self, submission):
        """The parts of a graded submission a trainer grades by hand ([{key, points, earned, name}])."""
        return []

    def demo_attempts(self, spec, rng):
        """What the demo's learners send (manage.py seed_demo), in order: Submission fields of each
        attempt, the last one right; [] for kinds the demo does not play (graded by a worker)."""
        return []

    # ------------------------------------------------------------ manage.py grade

    def read_submission(self, path):
        """The work to grade from a file or a folder ({name: text or bytes}); Unreadable if it cannot be."""
        from .common import MAX_SUBMISSION_BYTES

        too_big = Unreadable(_("Votre travail dépasse 1 Mio : réduisez la taille des fichiers."))
        if path.is_dir():
            files, total = {}, 0
            for item in sorted(path.rglob("*")):
                if item.is_file() and "__pycache__" not in item.parts:
                    total += item.stat().st_size
                    if total > MAX_SUBMISSION_BYTES:
                        raise too_big
                    files[item.relative_to(path).as_posix()] = item.read_bytes()
            return files
        if path.stat().st_size > MAX_SUBMISSION_BYTES:
            raise too_big
        return {path.name: path.read_bytes()}

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

    # Part of the authoring form edited as a list of sub-forms (a quiz's questions), shown by this template.
    formset_template = ""

    def formset(self, exercise, data=None):
        """The authoring form's sub-forms (a Django formset), bound to `data` if given; None if none."""
        return None

    def take_formset(self, form, formset):
        """With a valid authoring form: put what the formset holds into form.cleaned_data, or report on
        the form. Returns whether the exercise can be saved."""
        return True

    # What the authoring page shows about a stored exercise (a notebook's cells and their roles).
    authoring_template = ""

    # What « Tester la correction » says, in this kind's words.
    check_texts = {
        "solution_passes": _("La solution de référence réussit tous les tests."),
        "solution_fails": _("La solution de référence ne réussit pas :"),
        "starter_passes": _("Le code de départ réussit déjà tous les tests : les tests ne vérifient rien."),
        "starter_fails": _("Le code de départ échoue, comme attendu."),
    }

    def authoring_context(self, exercise):
        return {}


class Unreadable(ValueError):
    """Work that cannot be graded as it was sent (the message says why, to the learner)."""


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
