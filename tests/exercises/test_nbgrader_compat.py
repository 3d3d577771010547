"""Side by side with nbgrader 0.9: Tremplin's notebook grader on nbgrader's own example submissions.

The notebooks are nbgrader's (tests/exercises/nbgrader_compat/README.md says where from): the user
guide's ps1 (two students' submissions of problem1 and problem2) and submissions from nbgrader's
autograde tests. nbgrader_compat/expected.json holds the points nbgrader 0.9 gave each graded cell
(recorded once by nbgrader_compat/record_nbgrader.py; nbgrader is not needed here).

Each submission is graded by Tremplin (in the sandbox) against its source notebook, put in an
exercise folder as `source.ipynb`. Per graded cell:
- test cells (`grade` without `solution`): Tremplin's `earned` equals nbgrader's points;
- written or hand-graded answers (`solution` and `grade`) and tasks: nbgrader's None (waits for a
  manual grade) is Tremplin's "pending"; nbgrader's 0 (answer left unchanged) is Tremplin's
  "failed" with 0 points;
- both give the same maximum.
A cell where the two differ would be an xfail (strict) naming the difference (none today). `pytest -s` prints
the table of both tools' points.
"""

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from exercises.kinds.notebook.grader import grade
from exercises.spec import read_exercise

HERE = Path(__file__).parent / "nbgrader_compat"
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))


def _cases():
    spec = importlib.util.spec_from_file_location("nbgrader_compat_record", HERE / "record_nbgrader.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # only definitions: the recording runs under `if __name__ == "__main__"`
    return {submission: source for submission, source, _assignment, _student in module.CASES}


SOURCE_OF = _cases()

pytestmark = [
    pytest.mark.usefixtures("settings"),
    pytest.mark.skipif(shutil.which("bwrap") is None, reason="the notebook grader runs in the bubblewrap sandbox"),
]

# (submission, grade_id): why Tremplin and nbgrader disagree there, each asserted as it should be and
# expected to fail (strict): when the grader changes, the mark must go. None today: the last ones
# (answer cells left as nbgrader released them, « # YOUR CODE HERE », « YOUR ANSWER HERE ») now score
# 0 as in nbgrader.
DIFFERENCES = {}


def nbgrader_meta(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def kinds(source):
    """{grade_id: "test" | "manual" | "task"} of a source notebook's graded cells, by nbgrader's metadata."""
    notebook = json.loads((HERE / source).read_text(encoding="utf-8"))
    out = {}
    for cell in notebook["cells"]:
        meta = nbgrader_meta(cell)
        if meta.get("task"):
            out[meta["grade_id"]] = "task"
        elif meta.get("grade"):
            out[meta["grade_id"]] = "manual" if meta.get("solution") else "test"
    return out


def shown(points):
    return "manual" if points is None else f"{points:g}"


_graded = {}


def tremplin(submission, tmp_path_factory):
    """Tremplin's result for a submission (graded once per session), its table printed."""
    if submission in _graded:
        return _graded[submission]
    source = SOURCE_OF[submission]
    folder = tmp_path_factory.mktemp("nbgrader-compat")
    (folder / "exercise.toml").write_text(
        f'title = "nbgrader {source}"\nkind = "notebook"\ntime_limit = 10\n', encoding="utf-8"
    )
    (folder / "statement.md").write_text(f"nbgrader's {source}.\n", encoding="utf-8")
    shutil.copyfile(HERE / source, folder / "source.ipynb")
    spec = read_exercise(folder)
    result = grade(spec, {Path(submission).name: (HERE / submission).read_bytes()})
    _graded[submission] = result

    cells = {t.key: t for t in result.tests}
    print(
        f"\n{submission}  (source {source}; Tremplin: {result.status}, "
        f"{result.message.splitlines()[0] if result.message else ''})"
    )
    print(f"  {'cell':<30} {'kind':<7} {'nbgrader':>12}   {'Tremplin':<22}")
    cell_kinds = kinds(source)
    for grade_id, (points, maximum) in EXPECTED[submission].items():
        ours = cells.get(grade_id)
        theirs = f"{shown(points)} / {maximum:g}"
        mine = f"{ours.status} {ours.earned:g} / {ours.points:g}" if ours else "(missing)"
        flag = "" if (submission, grade_id) not in DIFFERENCES else "  <- differs"
        print(f"  {grade_id:<30} {cell_kinds.get(grade_id, '?'):<7} {theirs:>12}   {mine:<22}{flag}")
    for key, ours in cells.items():
        if key not in EXPECTED[submission]:
            print(
                f"  {key:<30} {'extra':<7} {'-':>12}   {ours.status} {ours.earned:g} / {ours.points:g}  (Tremplin only)"
            )
    return result


def cell_params():
    params = []
    for submission, cells in EXPECTED.items():
        for grade_id in cells:
            marks = ()
            if (submission, grade_id) in DIFFERENCES:
                marks = pytest.mark.xfail(strict=True, reason=DIFFERENCES[submission, grade_id])
            params.append(pytest.param(submission, grade_id, marks=marks, id=f"{submission}::{grade_id}"))
    return params


@pytest.mark.parametrize("submission", list(EXPECTED))
def test_the_same_cells_are_graded(submission, tmp_path_factory):
    result = tremplin(submission, tmp_path_factory)
    assert result.status != "error", result.message
    graded = {t.key for t in result.tests if t.key != "tremplin-review"}  # Tremplin's own review line, not a cell
    assert graded == set(EXPECTED[submission])


@pytest.mark.parametrize("submission, grade_id", cell_params())
def test_each_cell_gets_nbgrader_points(submission, grade_id, tmp_path_factory):
    result = tremplin(submission, tmp_path_factory)
    points, maximum = EXPECTED[submission][grade_id]
    cell = {t.key: t for t in result.tests}[grade_id]
    assert cell.points == maximum
    kind = kinds(SOURCE_OF[submission])[grade_id]
    if kind == "test":
        assert points is not None  # nbgrader grades test cells itself
        assert cell.earned == points, f"{cell.status}: {cell.message}"
    elif points is None:  # nbgrader: waits for a manual grade
        assert cell.status == "pending", f"{cell.status} {cell.earned:g}: {cell.message}"
    else:  # nbgrader: 0, the answer was left unchanged
        assert points == 0
        assert (cell.status, cell.earned) == ("failed", 0.0), f"{cell.status} {cell.earned:g}: {cell.message}"
