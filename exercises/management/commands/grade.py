import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from courses.package_files import refused_entries
from exercises import notebooks
from exercises.grading import grade
from exercises.kinds import kind_of
from exercises.kinds.common import MAX_SUBMISSION_BYTES
from exercises.results import Reason, Result
from exercises.spec import ExerciseError, read_exercise


def read_submission(path, kind):
    """{name: text or bytes} from a file or a folder; a quiz takes a JSON file of answers."""
    path = Path(path)
    work = kind_of(kind).work
    if work == "answers":
        return json.loads(path.read_text(encoding="utf-8"))
    if work == "notebook" and path.is_file():
        # Checked before reading: a 50 MB notebook is refused without being loaded.
        if path.stat().st_size > notebooks.MAX_BYTES:
            raise ValueError(notebooks.too_big(path.name))
        return {path.name: path.read_bytes()}
    if path.is_dir():
        files, total = {}, 0
        for item in sorted(path.rglob("*")):
            if item.is_file() and "__pycache__" not in item.parts:
                total += item.stat().st_size
                if total > MAX_SUBMISSION_BYTES:
                    raise ValueError("too big")
                files[item.relative_to(path).as_posix()] = item.read_bytes()
        return files
    if path.stat().st_size > MAX_SUBMISSION_BYTES:
        raise ValueError("too big")
    return {path.name: path.read_bytes()}


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
            submission = read_submission(submission_path, spec.kind)
        except ValueError as exc:
            if kind_message := (str(exc) if kind_of(spec.kind).work == "notebook" and str(exc) != "too big" else None):
                result = Result.error(Reason.REFUSED, kind_message)
            elif str(exc) == "too big":
                result = Result.error(
                    Reason.REFUSED, _("Votre travail dépasse 1 Mio : réduisez la taille des fichiers.")
                )
            else:
                result = Result.error(Reason.REFUSED, _("Réponses illisibles : le fichier n'est pas un JSON valide."))
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
