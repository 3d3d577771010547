"""Course packages: a course as a folder of TOML, Markdown and notebooks (docs/course-format.md).

`read_package` validates everything and returns plain data or a list of
`file:line: message` errors; `import_package` writes only when there is none.
"""

import copy
import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from . import qualifications
from .models import Course, Lesson, LessonCompletion, Level, Module, Status, Track
from .notebook_files import NotebookError, read_notebook
from .notebook_html import render as notebook_to_html
from .package_files import refusal, refused_entries, toml_problem
from .sanitize import clean_html, markdown_to_html

PREFIXED = re.compile(r"^(\d{2,})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER = "+++"
LESSON_SUFFIXES = (".md", ".ipynb")
NOTEBOOK_META = "tremplin"  # the notebook metadata key holding a lesson's title, duration...
HEADING = re.compile(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
FENCE = re.compile(r"^ {0,3}(```|~~~)")


# Other apps add folder items to modules (exercises): an object with
#   marker: the file that makes a folder such an item ("exercise.toml")
#   read(folder, slug) -> data, raising an exception with `.errors` (file:line: message)
#   upsert(module, data, order) -> None;  retire(module, kept_slugs) -> None
#   items(module) -> objects with .order, .slug;  export(obj, folder) -> None
FOLDER_ITEMS = []


def register_folder_item(handler):
    if handler not in FOLDER_ITEMS:
        FOLDER_ITEMS.append(handler)


class PackageError(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class LessonData:
    order: int
    slug: str
    title: str
    body: str
    source: str
    duration: int | None
    status: str
    competences: list = field(default_factory=list)
    notebook: str = ""  # the .ipynb text of a notebook lesson
    notebook_images: list = field(default_factory=list)  # its pictures, served apart


@dataclass
class ModuleData:
    slug: str
    title: str
    summary: str
    lessons: list = field(default_factory=list)
    extras: list = field(default_factory=list)  # (handler, data, order)


@dataclass
class CourseData:
    slug: str
    title: str
    track: str
    summary: str
    level: str
    language: str
    duration: int | None
    status: str
    modules: list = field(default_factory=list)
    attestation_policy: dict = field(default_factory=dict)  # [attestation], checked by progress


class _Reader:
    def __init__(self, root):
        self.root = Path(root)
        self.errors = []

    def error(self, path, line, message):
        try:
            shown = path.relative_to(self.root.parent)
        except ValueError:
            shown = path
        self.errors.append(f"{shown}:{line}: {message}")

    def toml(self, path, text=None):
        try:
            if text is None:
                text = path.read_text(encoding="utf-8")
            return tomllib.loads(text)
        except UnicodeDecodeError:
            self.error(path, 1, _("le fichier n'est pas en UTF-8"))
        except tomllib.TOMLDecodeError as exc:
            self.error(path, *toml_problem(exc, text))
        return None

    def text_field(self, data, key, path, line_of, required=True):
        value = data.get(key)
        if value is None:
            if required:
                self.error(path, 1, _("la clé « %(key)s » est obligatoire") % {"key": key})
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.error(path, line_of(key), _("« %(key)s » doit être un texte non vide") % {"key": key})
            return ""
        return value.strip()

    def int_field(self, data, key, path, line_of):
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.error(path, line_of(key), _("« %(key)s » doit être un nombre entier de minutes") % {"key": key})
            return None
        return value

    def choice_field(self, data, key, path, line_of, choices, default):
        value = data.get(key, default)
        if value not in choices:
            self.error(
                path,
                line_of(key),
                _("« %(key)s » vaut « %(value)s » ; valeurs possibles : %(choices)s")
                % {"key": key, "value": value, "choices": ", ".join(choices)},
            )
            return default
        return value


def _line_finder(text, offset=0):
    def line_of(key):
        for number, line in enumerate(text.splitlines(), start=1):
            if re.match(rf"\s*{re.escape(key)}\s*=", line):
                return number + offset
        return 1

    return line_of


def _prefixed_children(reader, folder, want_dir, suffixes=()):
    """Children named NN-slug (with one of suffixes for files), sorted by prefix; reports bad names."""
    items, seen = [], {}
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") or child.is_dir() != want_dir:
            continue
        name = child.name
        if not want_dir:
            suffix = next((s for s in suffixes if name.endswith(s)), None)
            if suffix is None:
                continue
            name = name[: -len(suffix)]
        match = PREFIXED.match(name)
        if not match:
            if want_dir or suffixes:
                reader.error(
                    child, 1, _("nom invalide : attendu « NN-slug » (chiffres, tiret, minuscules sans accent)")
                )
            continue
        order, slug = int(match.group(1)), match.group(2)
        if slug in seen:
            reader.error(
                child, 1, _("slug « %(slug)s » déjà utilisé par %(other)s") % {"slug": slug, "other": seen[slug].name}
            )
            continue
        seen[slug] = child
        items.append((order, slug, child))
    return sorted(items, key=lambda item: (item[0], item[1]))


def _read_lesson(reader, path, slug):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        reader.error(path, 1, _("le fichier n'est pas en UTF-8"))
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER:
        reader.error(path, 1, _("la leçon doit commencer par un en-tête TOML entre deux lignes « +++ »"))
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER)
    except StopIteration:
        reader.error(path, 1, _("l'en-tête TOML n'est pas refermé par une ligne « +++ »"))
        return None
    header_text = "\n".join(lines[1:end])
    try:
        header = tomllib.loads(header_text)
    except tomllib.TOMLDecodeError as exc:
        line, message = toml_problem(exc, header_text)
        reader.error(path, line + 1, message)
        return None
    line_of = _line_finder(header_text, offset=1)
    title = reader.text_field(header, "title", path, line_of)
    body_format = reader.choice_field(header, "format", path, line_of, ["markdown", "html"], "markdown")
    status = reader.choice_field(header, "status", path, line_of, list(Status.values), Status.PUBLISHED)
    duration = reader.int_field(header, "duration", path, line_of)
    competences = header.get("competences", [])
    if not isinstance(competences, list) or not all(isinstance(c, str) for c in competences):
        reader.error(path, line_of("competences"), _("« competences » doit être une liste de codes"))
        competences = []
    source = "\n".join(lines[end + 1 :]).strip("\n") + "\n"
    if body_format == "html":
        body, source = clean_html(source.strip("\n")), ""
    else:
        body = markdown_to_html(source)
    return LessonData(
        order=0,
        slug=slug,
        title=title,
        body=body,
        source=source,
        duration=duration,
        status=status,
        competences=competences,
    )


def _cell_source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _title_heading(cells):
    """(cell index, line index, text) of the first `# ` heading of the first Markdown cell, or None."""
    index = next((i for i, cell in enumerate(cells) if cell.get("cell_type") == "markdown"), None)
    if index is None:
        return None
    fenced = False
    for number, line in enumerate(_cell_source(cells[index]).split("\n")):
        if FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else HEADING.match(line)
        if match and match.group(1).strip():
            return index, number, match.group(1).strip()
    return None


def _notebook_meta(metadata):
    meta = metadata.get(NOTEBOOK_META, {})
    return meta if isinstance(meta, dict) else None


def _first_line(key):
    """Notebook problems are reported on line 1: a notebook is one JSON document, not lines."""
    return 1


def _read_notebook_lesson(reader, path, slug):
    """A lesson written as a Jupyter notebook: its details in the `tremplin` metadata, its body rendered."""
    data = path.read_bytes()
    try:
        notebook = read_notebook(data, name=path.name)
    except NotebookError as exc:
        for message in exc.errors:
            reader.error(path, 1, message)
        return None
    meta = _notebook_meta(notebook.metadata)
    if meta is None:
        reader.error(
            path, 1, _("les métadonnées « %(key)s » du notebook doivent être un objet") % {"key": NOTEBOOK_META}
        )
        return None
    heading = _title_heading(notebook.cells)
    if "title" in meta:
        title = reader.text_field(meta, "title", path, _first_line)
    elif heading:
        title = heading[2]
    else:
        reader.error(
            path,
            1,
            _(
                "le notebook n'a pas de titre : ajoutez « title » dans ses métadonnées « %(key)s » "
                "ou un titre « # … » dans sa première cellule Markdown"
            )
            % {"key": NOTEBOOK_META},
        )
        return None
    status = reader.choice_field(meta, "status", path, _first_line, list(Status.values), Status.PUBLISHED)
    duration = reader.int_field(meta, "duration", path, _first_line)
    competences = meta.get("competences", [])
    if not isinstance(competences, list) or not all(isinstance(c, str) for c in competences):
        reader.error(path, 1, _("« competences » doit être une liste de codes"))
        competences = []
    shown = notebook
    if heading and heading[2] == title:
        # The page has the title as its own heading: the notebook's would say it twice.
        shown = copy.deepcopy(notebook)
        cell_index, line_index, _text = heading
        lines = shown.cells[cell_index].source.split("\n")
        del lines[line_index]
        shown.cells[cell_index].source = "\n".join(lines).strip("\n")
        if not shown.cells[cell_index].source.strip():
            del shown.cells[cell_index]
    images = []
    body = notebook_to_html(shown, images=images)  # pictures as "#nbimg-N": the lesson page points them to their URL
    return LessonData(
        order=0,
        slug=slug,
        title=title,
        body=body,
        source="",
        duration=duration,
        status=status,
        competences=competences,
        notebook=data.decode("utf-8"),
        notebook_images=images,
    )


def read_course(folder):
    """Read and validate one course folder; raise PackageError with every problem found."""
    folder = Path(folder)
    reader = _Reader(folder)
    for path, reason in refused_entries(folder):
        reader.error(path, 1, reason)
    if reader.errors:  # nothing of such a package is read: a link may lead anywhere, a FIFO would hang
        raise PackageError(reader.errors)
    slug = folder.name
    if not SLUG.match(slug):
        reader.error(folder, 1, _("le nom du dossier doit être le slug du cours (minuscules, chiffres, tirets)"))
    course_file = folder / "course.toml"
    if not course_file.is_file():
        reader.error(course_file, 1, _("fichier course.toml manquant"))
        raise PackageError(reader.errors)
    text = course_file.read_text(encoding="utf-8", errors="replace")
    data = reader.toml(course_file) or {}
    line_of = _line_finder(text)
    course = CourseData(
        slug=slug,
        title=reader.text_field(data, "title", course_file, line_of),
        track=reader.text_field(data, "track", course_file, line_of),
        summary=reader.text_field(data, "summary", course_file, line_of),
        level=reader.choice_field(data, "level", course_file, line_of, list(Level.values), Level.BEGINNER),
        language=reader.choice_field(data, "language", course_file, line_of, ["fr", "en"], "fr"),
        duration=reader.int_field(data, "duration", course_file, line_of),
        status=reader.choice_field(data, "status", course_file, line_of, list(Status.values), Status.PUBLISHED),
    )
    course.attestation_policy, problems = qualifications.attestation_policy_clean(data.get("attestation"))
    table_line = next(
        (n for n, line in enumerate(text.splitlines(), start=1) if re.match(r"\s*\[\s*attestation\b", line)), 1
    )
    for key, message in problems:  # the line of the key, else of its table
        found = [n for n in (line_of(part) for part in reversed(key.split("."))) if n > 1]
        reader.error(course_file, found[0] if found else table_line, message)
    if course.track and not Track.objects.filter(slug=course.track).exists():
        known = ", ".join(Track.objects.values_list("slug", flat=True))
        reader.error(
            course_file,
            line_of("track"),
            _("parcours inconnu « %(track)s » (parcours existants : %(known)s)")
            % {"track": course.track, "known": known},
        )
    module_dirs = _prefixed_children(reader, folder, want_dir=True)
    for _order, module_slug, module_dir in module_dirs:
        module_file = module_dir / "module.toml"
        if not module_file.is_file():
            reader.error(module_file, 1, _("fichier module.toml manquant"))
            continue
        module_text = module_file.read_text(encoding="utf-8", errors="replace")
        module_data = reader.toml(module_file) or {}
        module_line = _line_finder(module_text)
        module = ModuleData(
            slug=module_slug,
            title=reader.text_field(module_data, "title", module_file, module_line),
            summary=reader.text_field(module_data, "summary", module_file, module_line, required=False),
        )
        lesson_files = _prefixed_children(reader, module_dir, want_dir=False, suffixes=LESSON_SUFFIXES)
        children = [(o, s, p, None) for o, s, p in lesson_files]
        for order, item_slug, item_dir in _prefixed_children(reader, module_dir, want_dir=True):
            handler = next((h for h in FOLDER_ITEMS if (item_dir / h.marker).is_file()), None)
            if handler is None:
                reader.error(item_dir, 1, _("dossier inconnu : un fichier exercise.toml est attendu ici"))
                continue
            children.append((order, item_slug, item_dir, handler))
        for position, (_order, item_slug, path, handler) in enumerate(
            sorted(children, key=lambda c: (c[0], c[1])), start=1
        ):
            if handler is None:
                read = _read_notebook_lesson if path.suffix == ".ipynb" else _read_lesson
                lesson = read(reader, path, item_slug)
                if lesson:
                    lesson.order = position
                    module.lessons.append(lesson)
                continue
            try:
                module.extras.append((handler, handler.read(path, item_slug), position))
            except Exception as exc:  # noqa: BLE001 - the handler's own validation errors
                errors = getattr(exc, "errors", None)
                if errors is None:
                    raise
                reader.errors.extend(relative_errors(errors, folder.parent))
        course.modules.append(module)
    if reader.errors:
        raise PackageError(reader.errors)
    return course


def course_folders(path):
    """A course folder, or every course folder inside a folder of courses."""
    path = Path(path)
    if (path / "course.toml").exists():
        return [path]
    folders = sorted(p for p in path.iterdir() if p.is_dir() and (p / "course.toml").exists()) if path.is_dir() else []
    refused = [
        f"{p}:1: {refusal(p)}" for p in folders if refusal(p)
    ]  # the path given may be a link, not a course in it
    if refused:
        raise PackageError(refused)
    if not folders:
        raise PackageError([f"{path}:1: " + _("aucun cours trouvé (pas de course.toml)")])
    return folders


def relative_errors(errors, base):
    """`file:line: message` errors with the files under base shown from it (`mon-cours/course.toml:3: …`),
    as the course's own errors are: the author sees their package, not the folder it was read from."""
    prefix = f"{Path(base)}{os.sep}"
    if prefix == f".{os.sep}":
        return list(errors)
    return [error[len(prefix) :] if error.startswith(prefix) else error for error in errors]


def read_path(path):
    """Read and validate every course under path; raise PackageError with every problem of every course.

    Writes nothing, and takes its time (exercises' reference solutions are graded): call it outside a transaction."""
    courses, errors = [], []
    for folder in course_folders(path):
        try:
            courses.append(read_course(folder))
        except PackageError as exc:
            errors.extend(exc.errors)
    if errors:
        raise PackageError(errors)
    return courses


def import_courses(courses):
    """Write courses read by read_path, all in one transaction; returns the Course rows."""
    with transaction.atomic():
        return [_upsert(data) for data in courses]


def import_path(path):
    """Validate every course under path, then import them all in one transaction (or nothing)."""
    return import_courses(read_path(path))


def _upsert(data):
    track = Track.objects.get(slug=data.track)
    course, _ = Course.objects.update_or_create(
        slug=data.slug,
        defaults=dict(
            title=data.title,
            track=track,
            summary=data.summary,
            level=data.level,
            language=data.language,
            duration_minutes=data.duration,
            status=data.status,
            attestation_policy=data.attestation_policy,
        ),
    )
    kept_modules = []
    for m_order, m in enumerate(data.modules, start=1):
        module, _ = Module.objects.update_or_create(
            course=course, slug=m.slug, defaults=dict(title=m.title, summary=m.summary, order=m_order)
        )
        kept_modules.append(module.pk)
        kept_lessons = []
        for lesson_data in m.lessons:
            lesson, _ = Lesson.objects.update_or_create(
                module=module,
                slug=lesson_data.slug,
                defaults=dict(
                    title=lesson_data.title,
                    body=lesson_data.body,
                    source=lesson_data.source,
                    duration_minutes=lesson_data.duration,
                    status=lesson_data.status,
                    order=lesson_data.order,
                    competences=lesson_data.competences,
                    notebook=lesson_data.notebook,
                    notebook_images=lesson_data.notebook_images,
                ),
            )
            qualifications.links_changed(lesson=lesson)
            kept_lessons.append(lesson.pk)
        _retire(Lesson.objects.filter(module=module).exclude(pk__in=kept_lessons))
        for handler in FOLDER_ITEMS:
            extras = [(data, order) for h, data, order in m.extras if h is handler]
            for data, order in extras:
                handler.upsert(module, data, order)
            handler.retire(module, {data.slug for data, _order in extras})
    for module in course.modules.exclude(pk__in=kept_modules):
        _retire(module.lessons.all())
        for handler in FOLDER_ITEMS:
            handler.retire(module, set())
        if not module.lessons.exists() and not any(handler.items(module) for handler in FOLDER_ITEMS):
            module.delete()
    return course


def _retire(lessons):
    """Lessons gone from the package: delete them, unless learners completed them (then unpublish)."""
    completed = set(LessonCompletion.objects.filter(lesson__in=lessons).values_list("lesson_id", flat=True))
    lessons.exclude(pk__in=completed).delete()
    Lesson.objects.filter(pk__in=completed).update(status=Status.DRAFT)


def _toml_string(value):
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _toml(pairs):
    lines = []
    for key, value in pairs:
        if value is None or value == "":
            continue
        if isinstance(value, list):
            rendered = "[" + ", ".join(_toml_string(item) for item in value) + "]"
        else:
            rendered = value if isinstance(value, int) else _toml_string(value)
        lines.append(f"{key} = {rendered}")
    return "\n".join(lines) + "\n"


def _attestation_toml(policy):
    """The `[attestation]` table of course.toml; nothing when the course keeps the defaults."""
    if not policy:
        return ""
    value = lambda v: ("true" if v else "false") if isinstance(v, bool) else repr(v)  # noqa: E731
    lines = ["", "[attestation]"] + [
        f"{key} = {value(policy[key])}" for key in ("lessons", "min_score") if key in policy
    ]
    if policy.get("min_score_by_kind"):
        lines += ["", "[attestation.min_score_by_kind]"] + [
            f"{k} = {value(v)}" for k, v in policy["min_score_by_kind"].items()
        ]
    return "\n".join(lines) + "\n"


def export_course(course, path):
    """Write the course as a package under path/<slug>; returns the folder."""
    folder = Path(path) / course.slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.toml").write_text(
        _toml(
            [
                ("title", course.title),
                ("track", course.track.slug),
                ("summary", course.summary),
                ("level", course.level),
                ("language", course.language),
                ("duration", course.duration_minutes),
                ("status", course.status),
            ]
        )
        + _attestation_toml(course.attestation_policy),
        encoding="utf-8",
    )
    width = lambda n: max(2, len(str(n)))  # noqa: E731
    modules = list(course.modules.prefetch_related("lessons"))
    for m_index, module in enumerate(modules, start=1):
        module_dir = folder / f"{m_index:0{width(len(modules))}d}-{module.slug}"
        module_dir.mkdir(exist_ok=True)
        (module_dir / "module.toml").write_text(
            _toml([("title", module.title), ("summary", module.summary)]), encoding="utf-8"
        )
        children = [(lesson, None) for lesson in module.lessons.all()]
        for handler in FOLDER_ITEMS:
            children += [(item, handler) for item in handler.items(module)]
        children.sort(key=lambda c: (c[0].order, c[1] is not None, c[0].pk))
        digits = width(len(children))
        for index, (item, handler) in enumerate(children, start=1):
            if handler is not None:
                target = module_dir / f"{index:0{digits}d}-{item.slug}"
                target.mkdir(exist_ok=True)
                handler.export(item, target)
                continue
            lesson = item
            if lesson.notebook:
                (module_dir / f"{index:0{digits}d}-{lesson.slug}.ipynb").write_text(
                    _notebook_text(lesson), encoding="utf-8"
                )
                continue
            header = [("title", lesson.title), ("duration", lesson.duration_minutes), ("status", lesson.status)]
            if lesson.competences:
                header.append(("competences", lesson.competences))
            if lesson.source:
                body = lesson.source
            else:
                header.append(("format", "html"))
                body = lesson.body + "\n"
            text = f"{FRONT_MATTER}\n{_toml(header)}{FRONT_MATTER}\n\n{body}"
            (module_dir / f"{index:0{digits}d}-{lesson.slug}.md").write_text(text, encoding="utf-8")
    return folder


def _notebook_text(lesson):
    """A notebook lesson's .ipynb, its `tremplin` metadata brought up to date with the lesson.

    When the notebook already says what the lesson says, its text is written unchanged: exporting
    a course does not reformat the notebooks of a trainer's repository."""
    raw = json.loads(lesson.notebook)
    metadata = raw.setdefault("metadata", {})
    meta = _notebook_meta(metadata) or {}
    heading = _title_heading(raw.get("cells", []))
    current = {
        "title": meta.get("title", heading[2] if heading else None),
        "duration": meta.get("duration"),
        "competences": meta.get("competences", []),
        "status": meta.get("status", Status.PUBLISHED),
    }
    wanted = {
        "title": lesson.title,
        "duration": lesson.duration_minutes,
        "competences": list(lesson.competences or []),
        "status": lesson.status,
    }
    if current == wanted:
        return lesson.notebook
    if heading and heading[2] == current["title"] != lesson.title:
        # The first heading is the title (hidden from the page as a duplicate): it follows the new title.
        cell_index, line_index, _text = heading
        cell = raw["cells"][cell_index]
        lines = _cell_source(cell).split("\n")
        lines[line_index] = f"# {lesson.title}"
        cell["source"] = "\n".join(lines).splitlines(keepends=True)
    meta = {**meta, **wanted}
    if meta["duration"] is None:
        del meta["duration"]
    if not meta["competences"]:
        del meta["competences"]
    metadata[NOTEBOOK_META] = dict(sorted(meta.items()))
    return json.dumps(raw, ensure_ascii=False, indent=1) + "\n"
