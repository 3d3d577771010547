from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from progress.positioning import PositioningError, import_positioning


class Command(BaseCommand):
    help = (
        "Import (or update) a positioning test: a folder with positioning.toml, or every such folder of a folder. "
        "Its courses must be imported first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        path = Path(path)
        folders = (
            [path]
            if (path / "positioning.toml").exists()
            else sorted(p.parent for p in path.glob("*/positioning.toml"))
        )
        if not folders:
            raise CommandError(f"{path}: no positioning.toml")
        for folder in folders:
            try:
                test = import_positioning(folder)
            except PositioningError as exc:
                for error in exc.errors:
                    self.stderr.write(error)
                raise CommandError(f"{len(exc.errors)} error(s); nothing was imported.") from exc
            self.stdout.write(f"{test.slug}: {len(test.spec['questions'])} question(s), imported")
