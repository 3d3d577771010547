from django.core.management.base import BaseCommand, CommandError

from courses.packages import PackageError, import_path


class Command(BaseCommand):
    help = "Import (or update) one course folder, or every course of a folder. Imports nothing if anything is invalid."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        try:
            courses = import_path(path)
        except PackageError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(exc.errors)} error(s); nothing was imported.") from exc
        for course in courses:
            self.stdout.write(f"{course.slug}: {course.modules.count()} module(s), imported")
