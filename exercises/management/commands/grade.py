import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from courses.package_files import refused_entries
from exercises.grading import grade
from exercises.kinds import kind_of
from exercises.kinds.base import Unreadable
from exercises.results import Reason, Result
from exercises.spec import ExerciseError, read_exercise


class Command(BaseCommand):
    help = "Grade a file or folder against an exercise folder in the real sandbox; print the result JSON."

    def add_arguments(self, parser):
        parser.add_argument("exercise_dir")
        parser.add_argument("submission_path")
        parser.add_argument("--public", action="store_true", help="Run the public tests only (Vérifier).")
        parser.add_argument(
            "--screenshots", metavar="DIR", help="Web exercises: write the page at 375 and 1280 px as PNG files there."
        )

    def handle(self, exercise_dir, submission_path, public=False, screenshots=None, **options):
        try:
            spec = read_exercise(exercise_dir)
        except ExerciseError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            sys.exit(2)
        except OSError as exc:
            self.stderr.write(f"{exercise_dir}: {exc}")
            sys.exit(2)
        try:
            # A link in the submitted folder would hand the sandbox a file from outside it.
            refused = refused_entries(submission_path)
        except OSError as exc:
            self.stderr.write(f"{submission_path}: {exc}")
            sys.exit(2)
        if refused:
            for path, reason in refused:
                self.stderr.write(f"{path}:1: {reason}")
            sys.exit(2)
        try:
            submission = kind_of(spec.kind).read_submission(Path(submission_path))
        except Unreadable as exc:
            result = Result.error(Reason.REFUSED, str(exc))
        except OSError as exc:
            self.stderr.write(f"{submission_path}: {exc}")
            sys.exit(2)
        else:
            result = grade(spec, submission, public_only=public, artefacts=bool(screenshots))
            for width, png in result.artefacts.get("screenshots", ()) if screenshots else ():
                folder = Path(screenshots)
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"page-{width}.png").write_bytes(png)
        self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False))
