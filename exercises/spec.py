"""An exercise as the graders see it: read from a package folder or from the database."""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from courses.package_files import refused_entries, toml_problem

from .kinds import KINDS

ASSET_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".woff2", ".woff", ".txt", ".json", ".csv")
MAX_FILE_BYTES = 1024 * 1024
SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


class ExerciseError(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ExerciseSpec:
    slug: str
    title: str
    kind: str
    statement: str = ""
    points: int = 1
    time_limit: int = 10
    memory_limit: int = 512
    max_attempts: int | None = None
    penalty: float = 0.0
    hints: list = field(default_factory=list)
    competences: list = field(default_factory=list)
    status: str = "published"
    starter: dict = field(default_factory=dict)
    solution: dict = field(default_factory=dict)
    tests: dict = field(default_factory=dict)
    config: dict = field(default_factory=dict)

    @property
    def public_tests(self):
        return {k: v for k, v in self.tests.items() if k.startswith("public/")}


def safe_relative(name):
    """A relative path without '..', absolute parts or odd characters; None if unsafe."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(p in ("", ".", "..") or not SAFE_NAME.match(p) for p in path.parts):
        return None
    return str(path)


def read_tree(folder, errors):
    files = {}
    if not folder.is_dir():
        return files
    for path in sorted(folder.rglob("*")):
        if path.is_dir() or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(folder).as_posix()
        if safe_relative(rel) is None:
            errors.append(f"{path}:1: " + _("nom de fichier refusé"))
            continue
        if path.stat().st_size > MAX_FILE_BYTES:
            errors.append(f"{path}:1: " + _("fichier trop gros (1 Mio au plus)"))
            continue
        try:
            files[rel] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            errors.append(f"{path}:1: " + _("le fichier n'est pas en UTF-8"))
    return files


def read_assets(folder, errors):
    """Binary files the page may load (images, fonts), base64-encoded: {relative name: base64}."""
    import base64

    assets, total = {}, 0
    if not folder.is_dir():
        return assets
    for path in sorted(folder.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(folder).as_posix()
        if safe_relative(rel) is None or not rel.lower().endswith(ASSET_SUFFIXES):
            errors.append(
                f"{path}:1: " + _("fichier refusé (types permis : %(types)s)") % {"types": " ".join(ASSET_SUFFIXES)}
            )
            continue
        total += path.stat().st_size
        if total > MAX_FILE_BYTES:
            errors.append(f"{path}:1: " + _("les fichiers de assets/ dépassent 1 Mio au total"))
            break
        assets[rel] = base64.b64encode(path.read_bytes()).decode("ascii")
    return assets


def _line(text, key):
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return 1


def read_exercise(folder, slug=None):
    """Read and validate an exercise folder; raises ExerciseError listing `file:line: message`."""
    folder = Path(folder)
    errors = []
    meta_path = folder / "exercise.toml"
    if not meta_path.is_file():
        raise ExerciseError([f"{meta_path}:1: " + _("fichier exercise.toml manquant")])
    refused = refused_entries(folder)
    if refused:  # nothing of such a folder is read: a link may lead anywhere, a FIFO would hang
        raise ExerciseError([f"{path}:1: {reason}" for path, reason in refused])
    text = meta_path.read_text(encoding="utf-8", errors="replace")
    try:
        meta = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = toml_problem(exc, text)
        raise ExerciseError([f"{meta_path}:{line}: {message}"]) from exc

    def err(key, message):
        errors.append(f"{meta_path}:{_line(text, key)}: {message}")

    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        err("title", _("la clé « title » est obligatoire"))
    kind = meta.get("kind")
    if kind not in KINDS:
        err("kind", _("« kind » doit valoir l'un de : %(kinds)s") % {"kinds": ", ".join(KINDS)})

    def integer(key, default, low, high):
        value = meta.get(key, default)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            err(
                key,
                _("« %(key)s » doit être un entier entre %(low)s et %(high)s") % {"key": key, "low": low, "high": high},
            )
            return default
        return value

    spec = ExerciseSpec(
        slug=slug or folder.name,
        title=(title or "").strip(),
        kind=kind or "",
        points=integer("points", 1, 0, 1000),
        time_limit=integer("time_limit", 10, 1, 120),
        memory_limit=integer("memory_limit", 512, 64, 4096),
        max_attempts=integer("max_attempts", None, 1, 1000),
        status=meta.get("status", "published")
        if meta.get("status", "published") in ("published", "draft")
        else "published",
    )
    penalty = meta.get("penalty", 0)
    if not isinstance(penalty, (int, float)) or isinstance(penalty, bool) or not 0 <= penalty <= 1:
        err("penalty", _("« penalty » doit être un nombre entre 0 et 1"))
    else:
        spec.penalty = float(penalty)
    hints = meta.get("hints", [])
    if not isinstance(hints, list) or not all(isinstance(h, dict) and isinstance(h.get("text"), str) for h in hints):
        err("hints", _("« hints » doit être une liste de tables avec « text » (et « after »)"))
    else:
        spec.hints = [{"after": int(h.get("after", 1)), "text": h["text"]} for h in hints]
    competences = meta.get("competences", [])
    if not isinstance(competences, list) or not all(isinstance(c, str) for c in competences):
        err("competences", _("« competences » doit être une liste de codes"))
    else:
        spec.competences = competences
    statement = folder / "statement.md"
    if statement.is_file():
        spec.statement = statement.read_text(encoding="utf-8", errors="replace")
    spec.starter = read_tree(folder / "starter", errors)
    spec.solution = read_tree(folder / "solution", errors)
    spec.tests = read_tree(folder / "tests", errors)
    if spec.kind in KINDS:
        KINDS[spec.kind].read(folder, spec, meta, errors)
    if errors:
        raise ExerciseError(errors)
    return spec
