"""Notebook exercises in nbgrader's own conventions.

A trainer's source notebook marks its cells with nbgrader's cell metadata (`nbgrader`: `solution`,
`grade`, `grade_id`, `points`, `locked`, `task`) and nbgrader's markers:

    ### BEGIN SOLUTION … ### END SOLUTION            replaced by a starter in the learner's copy
    ### BEGIN HIDDEN TESTS … ### END HIDDEN TESTS    removed from the learner's copy, put back to grade

This module reads and checks a source notebook, tells each cell's role, makes the learner's copy,
and builds the notebook to grade from a submission: answers are taken from the learner's cells
(matched by `grade_id`), everything else — tests above all — from the trainer's source, in the
source's order, so that deleting, moving, editing or adding cells cannot change the tests.
Executing it (two sandboxes, the learner's cells apart from the tests) is exercises/graders/notebook.py's business.
"""

import re
from copy import deepcopy
from dataclasses import dataclass

import nbformat
from django.utils.translation import gettext as _

from courses.notebook_files import MAX_BYTES, NotebookError, read_notebook, too_big

# Reading a notebook file is courses' (lessons are notebooks too); this module's users find it here as well.
__all__ = ["MAX_BYTES", "NotebookError", "read_notebook", "too_big"]

SOLUTION = ("### BEGIN SOLUTION", "### END SOLUTION")
HIDDEN = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
MARK_SCHEME = ("=== BEGIN MARK SCHEME ===", "=== END MARK SCHEME ===")  # in task cells: for graders, never for learners
AUTOTEST = re.compile(r"^[ \t]*### (HASHED )?AUTOTEST\b", re.MULTILINE)
STARTER_CODE = "# VOTRE CODE ICI\nraise NotImplementedError()"
STARTER_TEXT = "VOTRE RÉPONSE ICI"
# What nbgrader itself puts in a released notebook's answer cells: a learner who got the notebook
# from nbgrader and left such a cell as it was has not answered (nbgrader gives it 0, by checksum).
NBGRADER_STUBS = ("# YOUR CODE HERE\nraise NotImplementedError()", "YOUR ANSWER HERE")


@dataclass
class CellRole:
    index: int
    grade_id: str
    role: str  # "solution" (autograded answer), "test", "manual" (graded by a trainer), "task", "locked", "text"
    points: float
    cell_type: str
    hidden_tests: bool = False


def _meta(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def roles(notebook):
    """Each cell's role, validated (grade_id present and unique, points, balanced markers)."""
    errors, seen, result = [], set(), []
    for index, cell in enumerate(notebook.cells):
        meta, number = _meta(cell), index + 1
        source = cell.get("source", "")
        if meta.get("task"):
            role = "task"
        elif meta.get("solution") and meta.get("grade"):
            role = "manual"
        elif meta.get("solution"):
            role = "solution"
        elif meta.get("grade"):
            role = "test"
        elif meta.get("locked"):
            role = "locked"
        else:
            role = "text"
        grade_id = meta.get("grade_id", "")
        if role != "text" and role != "locked":
            if not isinstance(grade_id, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+", grade_id or ""):
                errors.append(_("cellule %(n)s : « grade_id » manquant ou invalide") % {"n": number})
            elif grade_id in seen:
                errors.append(
                    _("cellule %(n)s : « grade_id » %(id)s utilisé deux fois") % {"n": number, "id": grade_id}
                )
            seen.add(grade_id)
        points = meta.get("points", 0) if role in ("test", "manual", "task") else 0
        if not isinstance(points, (int, float)) or isinstance(points, bool) or points < 0:
            errors.append(_("cellule %(n)s : « points » doit être un nombre positif") % {"n": number})
            points = 0
        for begin, end in (SOLUTION, HIDDEN, MARK_SCHEME):
            if source.count(begin) != source.count(end):
                errors.append(
                    _("cellule %(n)s : « %(begin)s » sans « %(end)s » (ou l'inverse)")
                    % {"n": number, "begin": begin, "end": end}
                )
        if HIDDEN[0] in source and role != "test":
            errors.append(_("cellule %(n)s : des tests cachés hors d'une cellule de tests") % {"n": number})
        if role == "test" and AUTOTEST.search(source):
            # nbgrader would expand them into tests; taken as comments, the cell would pass for anything.
            errors.append(
                _(
                    "cellule %(n)s : les directives « ### AUTOTEST » de nbgrader ne sont pas prises en charge : "
                    "écrivez ces tests en Python (assert …)"
                )
                % {"n": number}
            )
        result.append(CellRole(index, grade_id or "", role, float(points), cell.cell_type, HIDDEN[0] in source))
    if not any(r.role in ("test", "manual", "task") for r in result):
        errors.append(_("aucune cellule notée : marquez au moins une cellule de tests (nbgrader « grade »)"))
    if errors:
        raise NotebookError(errors)
    return result


def _between(source, markers, replacement):
    """Replace each marked region (markers included) by `replacement`, keeping the indentation."""
    begin, end = (re.escape(m) for m in markers)
    pattern = re.compile(rf"^([ \t]*){begin}[^\n]*\n.*?^[ \t]*{end}[^\n]*(\n|$)", re.MULTILINE | re.DOTALL)

    def replace(match):
        if replacement is None:
            return ""
        indent = match.group(1)
        return "".join(f"{indent}{line}\n" for line in replacement.splitlines())

    return pattern.sub(replace, source)


def learner_copy(notebook):
    """What the learner downloads or edits: solutions replaced by a starter, hidden tests removed, outputs cleared."""
    copy = deepcopy(notebook)
    for cell, role in zip(copy.cells, roles(notebook), strict=False):
        if role.role == "solution" or (role.role == "manual" and cell.cell_type == "code"):
            if SOLUTION[0] in cell.source:
                cell.source = _between(cell.source, SOLUTION, STARTER_CODE).rstrip("\n")
            else:
                cell.source = STARTER_CODE
        elif role.role == "manual":
            cell.source = STARTER_TEXT
        elif role.role == "test":
            cell.source = _between(cell.source, HIDDEN, None).rstrip("\n")
        if MARK_SCHEME[0] in cell.source:  # as nbgrader's ClearMarkScheme
            cell.source = _between(cell.source, MARK_SCHEME, None).rstrip("\n")
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return copy


def notebook_to_grade(source, submitted):
    """The trainer's notebook with the learner's answers: (notebook, [grade_ids the learner did not answer]).

    Answers are the learner's solution and manual cells, matched by grade_id; every other cell,
    tests and hidden tests included, comes from the source, in the source's order."""
    answers = {}
    for cell in submitted.cells:
        grade_id = _meta(cell).get("grade_id")
        if isinstance(grade_id, str) and grade_id not in answers:
            answers[grade_id] = cell
    graded = deepcopy(source)
    copy = learner_copy(source)
    missing = []
    for index, (cell, role) in enumerate(zip(graded.cells, roles(source), strict=False)):
        if MARK_SCHEME[0] in cell.source:  # the executed notebook is shown to the learner
            cell.source = _between(cell.source, MARK_SCHEME, None).rstrip("\n")
        if role.role not in ("solution", "manual"):
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            continue
        answer = answers.get(role.grade_id)
        # An answer whose cell type the learner changed (code typed as Markdown) keeps its text and
        # takes the source's type back, as nbgrader's OverwriteCells does.
        if answer is None:
            missing.append(role.grade_id)
            cell.source = copy.cells[index].source  # the starter: an unanswered question scores zero
        else:
            cell.source = answer.source
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return graded, missing


def split_hidden(source):
    """(public part, hidden tests or None) of a test cell's source.

    Hidden tests run after the public part, as a separate execution whose outputs are not kept.
    Markers inside an indented block cannot be cut out: the whole cell then runs as hidden."""
    if HIDDEN[0] not in source:
        return source, None
    begin, end = (re.escape(m) for m in HIDDEN)
    regions = re.findall(rf"^([ \t]*){begin}[^\n]*\n(.*?)^[ \t]*{end}[^\n]*$", source, re.MULTILINE | re.DOTALL)
    if not regions or any(indent for indent, _body in regions):
        return "", source
    public = _between(source, HIDDEN, None).rstrip("\n")
    return public, "\n".join(body.rstrip("\n") for _indent, body in regions)


def notebook_to_run(graded, *, public_only):
    """The notebook the sandbox executes: test cells carry their hidden part in metadata (or not at all)."""
    run = deepcopy(graded)
    for cell, role in zip(run.cells, roles(graded), strict=False):
        cell.metadata.pop("tremplin", None)
        if role.role != "test" or cell.cell_type != "code":
            continue
        public, hidden = split_hidden(cell.source)
        cell.source = public
        if hidden is not None and not public_only:
            cell.metadata["tremplin"] = {"hidden": hidden}
    return run


def as_text(notebook):
    return nbformat.writes(notebook)


def editor_cells(copy, answers=None):
    """The learner's copy as the in-platform editor shows it: answer cells are text areas
    (prefilled with `answers`, {grade_id: source}), the others are read-only."""
    from courses.sanitize import markdown_to_html

    answers = answers or {}
    cells = []
    for role, cell in zip(roles(copy), copy.cells, strict=False):
        answer = role.role in ("solution", "manual")
        source = answers.get(role.grade_id, cell.source) if answer else cell.source
        number = role.index + 1
        if role.role == "manual":
            label = _("Cellule %(n)s — votre réponse rédigée (%(points)s pt)") % {
                "n": number,
                "points": f"{role.points:g}",
            }
        else:
            label = _("Cellule %(n)s — votre code") % {"n": number}
        cells.append(
            {
                "index": role.index,
                "number": number,
                "role": role.role,
                "grade_id": role.grade_id,
                "answer": answer,
                "code": cell.cell_type == "code",
                "source": source,
                "field": f"cell_{role.index}",
                "label": label,
                "html": markdown_to_html(cell.source) if cell.cell_type == "markdown" and not answer else "",
                "points": role.points,
            }
        )
    return cells


def answers_of(notebook):
    """{grade_id: source} of a learner's notebook's answer cells."""
    answers = {}
    for cell in notebook.cells:
        meta = _meta(cell)
        if meta.get("solution") and isinstance(meta.get("grade_id"), str):
            answers.setdefault(meta["grade_id"], cell.source)
    return answers


def with_answers(copy, answers):
    """The learner's copy with the answers typed in the platform."""
    notebook = deepcopy(copy)
    for cell in notebook.cells:
        grade_id = _meta(cell).get("grade_id")
        if _meta(cell).get("solution") and grade_id in answers:
            cell.source = answers[grade_id]
    return notebook
