"""Exercise kinds are asked what they do, never compared by name outside exercises/kinds/ (issue 14).

Each kind is a package in exercises/kinds/ (docs/architecture.md); a comparison of kind names anywhere
else (views, services, forms, templates, commands, other apps) is the switch the packages replaced."""

import importlib
import re
from pathlib import Path

from exercises import kinds
from exercises.models import Exercise

ROOT = Path(__file__).resolve().parent.parent
NAMES = "|".join(kinds.KINDS)
COMPARISON = re.compile(
    rf"""kind\s*(?:==|!=)\s*["'](?:{NAMES})["']"""  # kind == "quiz" (Python and templates)
    rf"""|kind\s+(?:not\s+)?in\s+[(\[]\s*["'](?:{NAMES})["']"""  # kind in ("python", "javascript")
    rf"""|kind(?:__in)?=\s*[(\[]?\s*["'](?:{NAMES})["']"""  # exercise__kind="quiz" lookups
    rf"""|kind["']\s*(?:,[^)]*)?\)\s*(?:==|!=)\s*["'](?:{NAMES})["']"""  # getattr(item, "kind", None) == "quiz"
)
SCANNED = ["accounts", "courses", "exercises", "progress", "config", "templates"]
SKIPPED = ("exercises/kinds/", "exercises/sandbox_files/", "/migrations/")


def comparisons():
    found = []
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if path.suffix not in (".py", ".html") or any(part in f"/{relative}" for part in SKIPPED):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if COMPARISON.search(line):
                    found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_no_kind_is_compared_by_name_outside_its_package():
    found = comparisons()
    assert found == [], "comparisons of exercise kinds (ask kinds.kind_of(name) instead):\n" + "\n".join(found)


def test_the_scan_finds_a_comparison(tmp_path):
    """The pattern catches each form a switch on kinds takes (so the test above can fail)."""
    for line in (
        'if exercise.kind == "quiz":',
        "{% if exercise.kind != 'notebook' %}",
        'elif spec.kind in ("python", "javascript"):',
        'Exercise.objects.filter(kind__in=["html", "dom"])',
        'submissions.filter(exercise__kind="sql")',
        'elif getattr(item, "kind", None) == "quiz":',
    ):
        assert COMPARISON.search(line), line
    assert not COMPARISON.search('Site.objects.filter(kind="mediation")')


def test_every_kind_of_the_model_has_its_kind_object_and_grader():
    assert {name for name, _label in Exercise._meta.get_field("kind").choices} == set(kinds.KINDS)
    for kind in kinds.KINDS.values():
        assert callable(importlib.import_module(kind.grader).grade), kind.name
    assert kinds.names(in_sandbox=False) == ["quiz", "simulation"]
    assert set(kinds.names(web_page=True)) == {"html", "dom"}
