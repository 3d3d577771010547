"""The apps depend on each other one way (issue 14): accounts ← courses ← exercises ← progress.

A lower app's models, services, selectors, forms and packages never import a higher app; a lower app
that must tell a higher one something (a lesson completed, a submission graded, an activity's
competence codes saved) or ask it something (are these codes known?) goes through a hook the higher
app registers when it starts (courses.services.register_lesson_listener, courses.qualifications…).
Views and management commands compose the whole platform and may import any app
(docs/architecture.md). Imports inside functions count too."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RANK = {
    "notifications": -1,
    "accounts": 0,
    "attendance": 0.5,
    "courses": 1,
    "conversations": 1.5,
    "exercises": 2,
    "progress": 3,
}
COMPOSITION = ("views.py", "/management/commands/", "/migrations/", "/sandbox_files/")


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


def test_no_import_against_the_direction():
    found = against_the_direction()
    assert found == [], "imports against accounts ← courses ← exercises ← progress:\n" + "\n".join(found)


def test_the_walk_sees_imports_inside_functions(tmp_path, monkeypatch):
    """A function-level import of a higher app is found (the way cycles used to be dodged)."""
    app = tmp_path / "courses"
    app.mkdir()
    (app / "packages.py").write_text("def f():\n    from progress import services\n    return services\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    for other in ("accounts", "exercises", "progress"):
        (tmp_path / other).mkdir()
    assert against_the_direction() == ["courses/packages.py:2: courses imports progress"]
