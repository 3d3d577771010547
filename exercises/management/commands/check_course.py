import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from courses.package_files import refused_entries
from courses.packages import PackageError, course_folders
from exercises.grading import grade, grader_for
from exercises.kinds import kind_of
from exercises.spec import ExerciseError, read_exercise


def exercise_dirs(course):
    return sorted(p.parent for p in course.glob("*/*/exercise.toml"))


def check_exercise(folder):
    """(ok, solution status, starter status) for one exercise folder."""
    spec = read_exercise(folder)
    if kind_of(spec.kind).self_checked:
        return True, "-", "-"
    solution = grader_for(spec.kind)(spec, dict(spec.solution))
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
        try:
            courses = course_folders(path)
        except PackageError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            sys.exit(1)
        failures, refused = 0, 0
        self.stdout.write(f"{'exercise':<70} {'solution':<9} {'starter':<9} verdict")
        for course in courses:
            # The glob would follow a linked module or exercise folder: the course is checked whole first.
            problems = refused_entries(course)
            for entry, reason in problems:
                self.stderr.write(f"{entry}:1: {reason}")
            refused += len(problems)
            for folder in [] if problems else exercise_dirs(course):
                try:
                    ok, solution, starter = check_exercise(folder)
                except ExerciseError as exc:
                    ok, solution, starter = False, "invalid", "-"
                    for error in exc.errors:
                        self.stderr.write(error)
                failures += not ok
                name = str(
                    Path(folder).relative_to(Path(path).resolve().parent) if Path(folder).is_absolute() else folder
                )
                self.stdout.write(f"{name[-70:]:<70} {solution:<9} {starter:<9} {'ok' if ok else 'FAIL'}")
        if refused:
            self.stderr.write(f"{refused} file(s) refused.")
        if failures:
            self.stderr.write(f"{failures} exercise(s) fail the check.")
        if failures or refused:
            sys.exit(1)
