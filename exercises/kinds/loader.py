"""Templates of the registered kinds: each kind's package has its own `templates/` folder, wherever the
package is (exercises/kinds/<kind>/templates/kinds/<kind>/…), and the kinds share exercises/kinds/templates/."""

from pathlib import Path

from django.template.loaders.filesystem import Loader as FilesystemLoader


class Loader(FilesystemLoader):
    def get_dirs(self):
        from . import KINDS

        dirs = [Path(__file__).parent / "templates"]
        for kind in KINDS.values():
            if kind.template_dir not in dirs:
                dirs.append(kind.template_dir)
        return dirs
