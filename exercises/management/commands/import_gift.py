from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from courses.models import Module
from exercises.kinds.quiz import Quiz
from exercises.kinds.quiz.gift import GiftError, parse_gift
from exercises.models import Exercise
from exercises.services import exercise_create


class Command(BaseCommand):
    help = (
        "Import a Moodle GIFT file as a quiz in a module (--module COURSE_SLUG/MODULE_SLUG). Updates it if it exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--module", required=True, help="course-slug/module-slug")
        parser.add_argument("--slug", help="the quiz's slug (default: from the file name)")
        parser.add_argument("--title", help="the quiz's title (default: from the file name)")
        parser.add_argument("--publish", action="store_true")

    def handle(self, file, module, slug=None, title=None, publish=False, **options):
        path = Path(file)
        course_slug, _sep, module_slug = module.partition("/")
        target = Module.objects.filter(course__slug=course_slug, slug=module_slug).first()
        if target is None:
            raise CommandError(f"No module {module!r} (expected course-slug/module-slug).")
        try:
            questions = parse_gift(path.read_text(encoding="utf-8"))
        except GiftError as exc:
            raise CommandError(f"{path}:{exc.line}: {exc.message}") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}:1: {exc}") from exc
        slug = slug or slugify(path.stem) or "quiz"
        title = title or path.stem.replace("-", " ").replace("_", " ").capitalize()
        exercise = Exercise.objects.filter(module=target, slug=slug).first()
        if exercise is None:
            exercise = exercise_create(
                module=target, slug=slug, title=title, kind=Quiz.name, config={"questions": questions}
            )
        else:
            exercise.config = {"questions": questions}
            exercise.save(update_fields=["config", "updated_at"])
        if publish:
            exercise.status = "published"
            exercise.save(update_fields=["status", "updated_at"])
        self.stdout.write(f"{course_slug}/{module_slug}/{slug}: {len(questions)} question(s)")
