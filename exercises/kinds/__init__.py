"""Exercise kinds: one package per kind, one registry.

Each kind is a package here (exercises/kinds/<kind>/): its Kind subclass says what the kind does and
reads, edits and exports its exercises (base.py has the interface and its defaults), its grader
grades a submission, its templates show the learner's work. REGISTRY below is the one list of them:
adding a kind is a new package and one line there (docs/architecture.md, « Adding an exercise kind »).
Code outside this package asks a kind (`kind_of(exercise.kind).in_sandbox`) and never compares names;
tests/test_kinds.py fails on a comparison.
"""

from django.utils.module_loading import import_string

from .base import Kind

__all__ = [
    "KINDS",
    "KIND_FIELDS",
    "REGISTRY",
    "SANDBOX_FIELDS",
    "Kind",
    "choices",
    "kind_of",
    "names",
    "urls",
    "warm_all",
]

REGISTRY = [
    "exercises.kinds.quiz.Quiz",
    "exercises.kinds.python.Python",
    "exercises.kinds.sql.Sql",
    "exercises.kinds.javascript.JavaScript",
    "exercises.kinds.web.Html",
    "exercises.kinds.web.Dom",
    "exercises.kinds.notebook.Notebook",
    "exercises.kinds.simulation.Simulation",
]

KINDS = {kind.name: kind for kind in (import_string(path)() for path in REGISTRY)}
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


def choices():
    """(name, label) of every kind: Exercise.kind's choices (a callable, so a new kind needs no migration)."""
    return [(name, kind.label) for name, kind in KINDS.items()]


def warm_all():
    """In a worker, between gradings: each grader gets its next start ready once (kinds may share one)."""
    done = set()
    for kind in KINDS.values():
        if kind.grader not in done:
            done.add(kind.grader)
            kind.warm()


def urls():
    """The kinds' own pages (Kind.urls), once each (kinds of one family may share them)."""
    patterns = []
    for kind in KINDS.values():
        patterns.extend(p for p in kind.urls() if p not in patterns)
    return patterns
