"""The apps depend on each other one way (issue 14): accounts ← courses ← exercises ← progress.

A lower app's models, services, forms and packages never import a higher app; a lower app that must
tell a higher one something (a lesson completed, a submission graded) should go through a
registered hook, as courses.services.register_outline_provider already does. Views and management
commands compose the whole platform and may import any app (docs/architecture.md).

The imports against the direction left are counted, and their number may only go down."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RANK = {"accounts": 0, "courses": 1, "exercises": 2, "progress": 3}
COMPOSITION = ("views.py", "/management/commands/", "/migrations/", "/sandbox_files/")
CEILING = 5  # lower it as each one moves to a hook; the test says when


def against_the_direction():
    found = []
    for app, rank in RANK.items():
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if any(part in f"/{relative}" for part in COMPOSITION):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    top = module.split(".")[0]
                    if RANK.get(top, -1) > rank:
                        found.append(f"{relative}:{node.lineno}: {app} imports {module}")
    return found


def test_no_new_import_against_the_direction():
    found = against_the_direction()
    assert len(found) <= CEILING, "imports against accounts ← courses ← exercises ← progress:\n" + "\n".join(found)


def test_the_ceiling_follows_the_code():
    assert len(against_the_direction()) == CEILING, f"{len(against_the_direction())} left: set CEILING to that"
