import sys

from django.core.management.base import BaseCommand

from progress.frameworks import FrameworkError, default_files, load_framework


class Command(BaseCommand):
    help = "Load (create or update) qualification frameworks from TOML files; without FILE, the bundled ones."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", metavar="FILE")

    def handle(self, files, **options):
        failed = False
        for path in files or default_files():
            try:
                qualification = load_framework(path)
            except FrameworkError as exc:
                failed = True
                for error in exc.errors:
                    self.stderr.write(error)
                continue
            except OSError as exc:
                failed = True
                self.stderr.write(f"{path}: {exc}")
                continue
            count = sum(block.competences.count() for block in qualification.blocks.all())
            self.stdout.write(f"{qualification.code}: {qualification.blocks.count()} blocs, {count} compétences")
        if failed:
            sys.exit(2)
