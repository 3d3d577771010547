"""Exercise kinds: what the platform needs to know about each kind, asked of one object.

Code outside this package asks a kind what it does (`kind_of(exercise.kind).in_sandbox`) rather than
comparing kind names, so a new kind is a new entry here and its grader, not a hunt through views and
services. This is the first step of issue 14: the properties below replace the comparisons of
exercises/services.py, exercises/views.py and exercises/graders/; the rest (each kind's form, partials,
package reading) moves here next, and tests/test_kinds.py keeps the number of comparisons left
from growing.
"""

from dataclasses import dataclass

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Kind:
    name: str
    grader: str  # the module whose grade(spec, submission, *, public_only, artefacts) grades it
    # Graded by a worker, in the sandbox (learner code). False: in the web process, at once (a quiz).
    in_sandbox: bool = True
    # The learner's work: "files" (typed in code fields), "answers" (a form's answers, {question id:
    # answer}) or "notebook" (cells typed in the page, or an .ipynb uploaded).
    work: str = "files"
    # The file a code exercise without a starter is typed into.
    default_file: str = "solution.py"
    # A web page: shown in a sandboxed iframe with a live preview, graded in a browser, screenshots kept.
    web_page: bool = False
    # Grading makes a document the learner reads (an executed notebook), stored beside the result.
    document: bool = False
    # Its tests are found by running them: the tests of the reference solution's run are the ones that count.
    runner: bool = False
    # Checked by its own definition: no reference solution to run (« Tester la correction » has nothing to do).
    self_checked: bool = False
    # The fields of the authoring form (exercises.forms.ExerciseForm) that belong to this kind; the
    # form shows these and the common ones (title, statement, points, attempts…), no other kind's.
    authoring_fields: tuple = ()

    def grade(self, spec, submission, *, public_only=False, artefacts=False):
        return import_string(self.grader + ".grade")(spec, submission, public_only=public_only, artefacts=artefacts)


CODE_FIELDS = ("filename", "starter", "solution", "public_tests", "hidden_tests")
WEB_FIELDS = tuple(f"web_{role}_{part}" for role in ("starter", "solution") for part in ("html", "css", "js")) + (
    "checks",
)

KINDS = {
    kind.name: kind
    for kind in (
        Kind(
            "quiz",
            "exercises.graders.quiz",
            in_sandbox=False,
            work="answers",
            self_checked=True,
            authoring_fields=("gift",),
        ),
        Kind("python", "exercises.graders.python", runner=True, authoring_fields=CODE_FIELDS),
        Kind(
            "sql",
            "exercises.graders.sql",
            default_file="query.sql",
            authoring_fields=("starter", "solution", "hidden_tests", "ordered"),
        ),
        Kind("javascript", "exercises.graders.javascript", runner=True, authoring_fields=CODE_FIELDS),
        Kind("html", "exercises.graders.web", web_page=True, authoring_fields=WEB_FIELDS),
        Kind("dom", "exercises.graders.web", web_page=True, authoring_fields=WEB_FIELDS),
        Kind(
            "notebook",
            "exercises.graders.notebook",
            work="notebook",
            document=True,
            authoring_fields=("notebook", "notebook_data"),
        ),
    )
}
KIND_FIELDS = frozenset(name for kind in KINDS.values() for name in kind.authoring_fields)
# Limits of a run in the sandbox: meaningless for a kind graded in the web process.
SANDBOX_FIELDS = ("time_limit", "memory_limit")


def kind_of(name):
    """The Kind of this name (KeyError for an unknown one: a stored exercise always has a known kind)."""
    return KINDS[name]


def names(**properties):
    """The names of the kinds with these properties, for database lookups (`kind__in=names(in_sandbox=False)`)."""
    return [
        name for name, kind in KINDS.items() if all(getattr(kind, key) == value for key, value in properties.items())
    ]
