"""Exercises inside course packages: read, upsert, retire and export exercise folders."""

import hashlib
import json

from django.utils.translation import gettext as _

from courses import qualifications
from courses.sanitize import clean_html, markdown_to_html
from courses.selectors import PublishStatus

from .grading import grader_for, runs_in_sandbox
from .kinds import kind_of
from .models import Exercise, Submission, content_hash
from .spec import ExerciseError, read_exercise

_checked_solutions = {}


def solution_problem(spec):
    """Why the reference solution does not pass its own tests (None if it does). Cached per content."""
    if not runs_in_sandbox(spec.kind):
        return None
    key = hashlib.sha256(
        json.dumps(
            [spec.kind, spec.solution, spec.tests, spec.config, spec.time_limit, spec.memory_limit], sort_keys=True
        ).encode()
    ).hexdigest()
    if key not in _checked_solutions:
        result = grader_for(spec.kind)(spec, dict(spec.solution))
        _checked_solutions[key] = None if result.passes_automatic_tests else result.message
    return _checked_solutions[key]


def toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items() if v is not None) + " }"
    raise TypeError(type(value))


def toml_table(pairs):
    return "".join(f"{k} = {toml_value(v)}\n" for k, v in pairs if v not in (None, "", [], {}))


class ExerciseFolders:
    marker = "exercise.toml"

    def read(self, folder, slug):
        """Read an exercise folder; a package whose reference solution fails is refused."""
        spec = read_exercise(folder, slug=slug)
        problem = solution_problem(spec)
        if problem:
            raise ExerciseError(
                [
                    f"{folder / 'solution'}:1: "
                    + _("la solution de référence ne passe pas ses tests : %(problem)s") % {"problem": problem}
                ]
            )
        if (folder / "statement.html").is_file() and not spec.statement:
            spec.config["statement_html"] = (folder / "statement.html").read_text(encoding="utf-8")
        return spec

    def upsert(self, module, spec, order):
        html = clean_html(spec.config.pop("statement_html", "")) or markdown_to_html(spec.statement)
        exercise, _created = Exercise.objects.update_or_create(
            module=module,
            slug=spec.slug,
            defaults=dict(
                title=spec.title,
                kind=spec.kind,
                statement=html,
                statement_source=spec.statement,
                points=spec.points,
                order=order,
                status=spec.status,
                time_limit=spec.time_limit,
                memory_limit=spec.memory_limit,
                max_attempts=spec.max_attempts,
                penalty=spec.penalty,
                hints=spec.hints,
                competences=spec.competences,
                starter=spec.starter,
                solution=spec.solution,
                tests=spec.tests,
                config=spec.config,
                # read() refused the package unless the reference solution passes.
                verified_hash=content_hash(spec),
            ),
        )
        qualifications.links_changed(exercise=exercise)

    def retire(self, module, kept_slugs):
        """Exercises gone from the package: deleted, unless learners submitted work (then unpublished)."""
        gone = Exercise.objects.filter(module=module).exclude(slug__in=kept_slugs)
        with_work = set(Submission.objects.filter(exercise__in=gone).values_list("exercise_id", flat=True))
        gone.exclude(pk__in=with_work).delete()
        Exercise.objects.filter(pk__in=with_work).update(status=PublishStatus.DRAFT)

    def items(self, module):
        return list(module.exercises.all())

    def export(self, exercise, folder):
        meta = toml_table(
            [
                ("title", exercise.title),
                ("kind", exercise.kind),
                ("points", exercise.points),
                ("time_limit", exercise.time_limit),
                ("memory_limit", exercise.memory_limit),
                ("max_attempts", exercise.max_attempts),
                ("penalty", exercise.penalty or None),
                ("hints", exercise.hints),
                ("competences", exercise.competences),
                ("status", exercise.status),
            ]
        )
        kind = kind_of(exercise.kind)
        meta += kind.export_meta(exercise)
        (folder / "exercise.toml").write_text(meta, encoding="utf-8")
        if exercise.statement_source:
            (folder / "statement.md").write_text(exercise.statement_source, encoding="utf-8")
        elif exercise.statement:
            (folder / "statement.html").write_text(exercise.statement, encoding="utf-8")
        kind.export(exercise, folder)
