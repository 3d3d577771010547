import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from courses.packages import course_folders
from exercises.graders import grader_for
from exercises.spec import ExerciseError, read_exercise


def exercise_dirs(path):
    for course in course_folders(path):
        yield from sorted(p.parent for p in course.glob("*/*/exercise.toml"))


def check_exercise(folder):
    """(ok, solution status, starter status) for one exercise folder."""
    spec = read_exercise(folder)
    if spec.kind == "quiz":
        return True, "-", "-"
    grade = grader_for(spec.kind)
    solution = grade(spec, dict(spec.solution))
    starter = grade(spec, dict(spec.starter)) if spec.starter else None
    ok = solution.passes_automatic_tests and (starter is None or starter.status != "passed")
    # A notebook's written answers wait for a trainer: its solution "passes" when every automatic test does.
    shown = "passed" if solution.passes_automatic_tests else solution.status
    return ok, shown, starter.status if starter else "-"


class Command(BaseCommand):
    help = "Grade every reference solution (must pass) and every starter (must not) of a course package."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        failures = 0
        self.stdout.write(f"{'exercise':<70} {'solution':<9} {'starter':<9} verdict")
        for folder in exercise_dirs(path):
            try:
                ok, solution, starter = check_exercise(folder)
            except ExerciseError as exc:
                ok, solution, starter = False, "invalid", "-"
                for error in exc.errors:
                    self.stderr.write(error)
            failures += not ok
            name = str(Path(folder).relative_to(Path(path).resolve().parent) if Path(folder).is_absolute() else folder)
            self.stdout.write(f"{name[-70:]:<70} {solution:<9} {starter:<9} {'ok' if ok else 'FAIL'}")
        if failures:
            self.stderr.write(f"{failures} exercise(s) fail the check.")
            sys.exit(1)
