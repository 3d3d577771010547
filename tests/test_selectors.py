"""Reads of another app go through its selectors (issue 14).

Each of accounts, courses and exercises has a `selectors.py`: its read-only functions, which import only
their own app's models and modules (Django and the standard library aside) and, when a read needs a
lower app, that app's selectors; never any app's `services` (writes, access checks, registries). And
outside the composition layer (views, management commands, migrations), no module of one app imports
another app's `models`: it reads through that app's selectors (courses' publishing status, which
exercises shares, is `courses.selectors.PublishStatus`).

Both walk every import with `ast`, those inside functions too, as test_dependencies does."""

import ast

from .test_dependencies import COMPOSITION, RANK, ROOT

SELECTOR_APPS = ("accounts", "courses", "exercises")


def imports_of(relative, source):
    """(line, module, names) for each import of a module at `relative` (e.g. "courses/selectors.py"),
    relative imports resolved: `from . import services` in courses gives ("courses", ["services"])."""
    package = relative.removesuffix(".py").split("/")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - (node.level - 1)] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            yield node.lineno, module, [alias.name for alias in node.names]


def _reaches(module, names, target):
    """Whether `import module` / `from module import names` reaches the module `target` (or inside it)."""
    if module == target or module.startswith(f"{target}."):
        return True
    parent, _dot, last = target.rpartition(".")
    return module == parent and last in names


def selector_refusals(app, relative, source):
    """What a selector of `app` may not import: any app's services, another app's anything but its selectors."""
    refused = []
    for lineno, module, names in imports_of(relative, source):
        top = module.split(".")[0]
        if top not in RANK:
            continue
        services = any(_reaches(module, names, f"{other}.services") for other in RANK)
        selectors = _reaches(module, names, f"{top}.selectors") and (module != top or names == ["selectors"])
        foreign = top != app and not selectors
        if services or foreign:
            refused.append(f"{relative}:{lineno}: imports {module}{' ' + ', '.join(names) if names else ''}")
    return refused


def other_apps_models(app, relative, source):
    """The imports of another app's models by a module of `app`."""
    return [
        f"{relative}:{lineno}: {app} imports {module}{' ' + ', '.join(names) if names else ''}"
        for lineno, module, names in imports_of(relative, source)
        for other in RANK
        if other != app and _reaches(module, names, f"{other}.models")
    ]


def selectors_importing_too_much():
    found = []
    for app in SELECTOR_APPS:
        relative = f"{app}/selectors.py"
        found += selector_refusals(app, relative, (ROOT / relative).read_text(encoding="utf-8"))
    return found


def models_read_across_apps():
    found = []
    for app in RANK:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if any(part in f"/{relative}" for part in COMPOSITION):
                continue
            found += other_apps_models(app, relative, path.read_text(encoding="utf-8"))
    return found


def test_each_app_has_its_selectors():
    assert [app for app in SELECTOR_APPS if not (ROOT / app / "selectors.py").is_file()] == []


def test_selectors_import_only_their_own_app_and_other_selectors():
    found = selectors_importing_too_much()
    assert found == [], "selectors importing another app's models or modules, or services:\n" + "\n".join(found)


def test_no_app_imports_another_apps_models_outside_the_composition_layer():
    found = models_read_across_apps()
    assert found == [], "imports of another app's models outside views, commands and migrations:\n" + "\n".join(found)


def test_the_checks_see_what_they_refuse():
    """The walkers find each kind of refused import (so the tests above can fail), and let the allowed ones be."""
    refused = """
from courses.models import Status
from courses import models
import accounts.models
from . import services
from .services import course_outline
from exercises.services import best_submission
from accounts import services as accounts_services
from courses.packages import read_path


def read():
    from progress.models import Attestation
"""
    allowed = """
from django.db.models import Count
from courses.selectors import PublishStatus
from courses import selectors as courses_selectors
from . import kinds
from .models import Exercise
from .kinds import kind_of
"""
    assert len(selector_refusals("exercises", "exercises/selectors.py", refused)) == 9
    assert selector_refusals("exercises", "exercises/selectors.py", allowed) == []
    found = other_apps_models("exercises", "exercises/packages.py", refused)
    assert [line.split(":")[1] for line in found] == ["2", "3", "4", "13"], found
    assert other_apps_models("exercises", "exercises/packages.py", allowed) == []
    # Relative imports stay in their app: progress/services/links.py's `from ..models` is progress's own.
    assert other_apps_models("progress", "progress/services/links.py", "from ..models import Competence\n") == []
