"""Record the points nbgrader 0.9 gives nbgrader's own example submissions: expected.json.

    .venv/bin/python tests/exercises/nbgrader_compat/record_nbgrader.py

nbgrader runs from its own virtualenv, var/bench-nbgrader-venv, made here the same way as
bench/notebooks.py makes it (same requirements, same marker file) when it is missing. A throw-away
course is built in a temporary folder under /tmp: each source notebook of CASES goes to
source/<assignment>/, `nbgrader generate_assignment` makes the release, each submission is copied to
submitted/<student>/<assignment>/ under its source notebook's name, then `nbgrader autograde`. The
per-cell points are read back from nbgrader's gradebook (its Gradebook API, run with the venv's
Python) and written to expected.json:

    {submission file: {grade_id: [points given by nbgrader, max points]}}

points is nbgrader's auto_score: None when the cell waits for a manual grade (a written answer, a
task), 0 for an unchanged answer cell. The recorded file is the truth tests/exercises/
test_nbgrader_compat.py compares Tremplin's grader with; the test itself does not need nbgrader.
Paths are relative to this folder. Nothing of the real home is used: HOME and Jupyter's folders are
in the temporary folder, which is removed at the end (kept with KEEP=1).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
EXPECTED = HERE / "expected.json"
NBGRADER_VENV = ROOT / "var" / "bench-nbgrader-venv"
NBGRADER_SPEC = "nbgrader>=0.9,<0.10"
SANDBOX_PINS = ("pandas", "numpy", "matplotlib", "ipython")

# (submission, source notebook it answers, nbgrader assignment, student), paths relative to HERE.
# The pairings are nbgrader's own: the user guide's ps1 (two students), and its autograde tests
# (tests/apps/test_nbgrader_autograde.py: submitted-unchanged.ipynb is the source of the
# submitted-*.ipynb files, test-hidden-tests.ipynb is graded against itself).
# Left out: the autotest-*.ipynb sources (### AUTOTEST directives, refused by Tremplin at import), and
# tests/preprocessors/files/submitted-answer-cell-type-changed.ipynb, which nbgrader 0.9.6 cannot
# autograde (OverwriteCells turns the cell back into code and validates it without an "id":
# NotebookValidationError "'id' is a required property"), so there is nothing to record.
CASES = [
    ("ps1/submitted/bitdiddle/problem1.ipynb", "ps1/source/problem1.ipynb", "ps1", "bitdiddle"),
    ("ps1/submitted/bitdiddle/problem2.ipynb", "ps1/source/problem2.ipynb", "ps1", "bitdiddle"),
    ("ps1/submitted/hacker/problem1.ipynb", "ps1/source/problem1.ipynb", "ps1", "hacker"),
    ("ps1/submitted/hacker/problem2.ipynb", "ps1/source/problem2.ipynb", "ps1", "hacker"),
    ("apps/submitted-unchanged.ipynb", "apps/submitted-unchanged.ipynb", "apps", "unchanged"),
    ("apps/submitted-changed.ipynb", "apps/submitted-unchanged.ipynb", "apps", "changed"),
    ("apps/submitted-cheat-attempt.ipynb", "apps/submitted-unchanged.ipynb", "apps", "cheat"),
    ("apps/submitted-cheat-attempt-alternative.ipynb", "apps/submitted-unchanged.ipynb", "apps", "cheatalt"),
    ("apps/submitted-grade-cell-changed.ipynb", "apps/submitted-unchanged.ipynb", "apps", "gradecell"),
    ("apps/submitted-locked-cell-changed.ipynb", "apps/submitted-unchanged.ipynb", "apps", "lockedcell"),
    ("apps/test-hidden-tests.ipynb", "apps/test-hidden-tests.ipynb", "hidden", "foo"),
    ("apps/validation-zero-points.ipynb", "apps/validation-zero-points.ipynb", "zero", "foo"),
]


class NbgraderFailed(Exception):
    pass


def sandbox_pins():
    """The sandbox's versions of pandas, numpy, matplotlib and IPython, and the ipykernel nbgrader
    was recorded with (as bench/notebooks.py)."""
    pins = ["ipykernel==7.4.0"]
    for line in (ROOT / "exercises" / "sandbox_files" / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and line.split("==")[0].strip().lower() in SANDBOX_PINS:
            pins.append(line)
    return pins


def nbgrader_venv():
    """var/bench-nbgrader-venv, shared with bench/notebooks.py: reused while its marker lists the same requirements."""
    requirements = [NBGRADER_SPEC, *sandbox_pins()]
    marker = NBGRADER_VENV / ".bench-installed"
    python = NBGRADER_VENV / "bin" / "python"
    if marker.is_file() and marker.read_text() == "\n".join(requirements) and python.exists():
        return NBGRADER_VENV
    base = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else "python3"
    print(f"making {NBGRADER_VENV.relative_to(ROOT)}: {' '.join(requirements)} (once)...", flush=True)
    marker.unlink(missing_ok=True)
    for step in ([base, "-m", "venv", str(NBGRADER_VENV)],
                 [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements]):
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            raise NbgraderFailed(f"{' '.join(step[:4])} failed:\n{(done.stdout + done.stderr)[-2000:]}")
    marker.write_text("\n".join(requirements))
    return NBGRADER_VENV


GRADEBOOK_READ = """
import json, sys
from nbgrader.api import Gradebook
out = {}
with Gradebook(sys.argv[1]) as gb:
    for assignment in gb.assignments:
        for sub in gb.assignment_submissions(assignment.name):
            for nb in sub.notebooks:
                key = f"{assignment.name}/{sub.student_id}/{nb.name}"
                out[key] = {g.name: [g.auto_score, g.max_score, g.needs_manual_grade] for g in nb.grades}
print(json.dumps(out))
"""


def record(venv, top):
    course, home = top / "course", top / "home"
    for folder in (course, home, top / "exchange"):
        folder.mkdir(parents=True, exist_ok=True)
    db = f"sqlite:///{top / 'gradebook.sqlite3'}"
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        "c.CourseDirectory.course_id = 'compat'\n"
        f"c.CourseDirectory.db_url = {db!r}\n"
        f"c.Exchange.root = {str(top / 'exchange')!r}\n"
        "c.ExecutePreprocessor.timeout = 30\n"
    )
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",  # nbgrader runs `alembic` from the PATH to make its gradebook
        "HOME": str(home), "LANG": "C.UTF-8", "PYTHONNOUSERSITE": "1", "TMPDIR": str(top),
        "JUPYTER_CONFIG_DIR": str(home / "jupyter-config"), "JUPYTER_DATA_DIR": str(home / "jupyter-data"),
        "JUPYTER_RUNTIME_DIR": str(home / "jupyter-runtime"), "IPYTHONDIR": str(home / "ipython"),
        "MPLCONFIGDIR": str(home / "matplotlib"),
    }

    def run(*args):
        done = subprocess.run([str(venv / "bin" / "nbgrader"), *args], cwd=course, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise NbgraderFailed(f"nbgrader {' '.join(args)} exited {done.returncode}:\n{done.stderr[-3000:]}")
        return done

    assignments = sorted({assignment for _sub, _src, assignment, _student in CASES})
    students = sorted({student for _sub, _src, _assignment, student in CASES})
    for student in students:
        run("db", "student", "add", student)
    for _submission, source, assignment, _student in CASES:
        folder = course / "source" / assignment
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(HERE / source, folder / Path(source).name)
    for assignment in assignments:
        run("db", "assignment", "add", assignment)
        run("generate_assignment", assignment, "--force")
    for submission, source, assignment, student in CASES:
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(HERE / submission, folder / Path(source).name)
    for assignment in assignments:
        run("autograde", assignment, "--force")

    done = subprocess.run([str(venv / "bin" / "python"), "-c", GRADEBOOK_READ, db], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise NbgraderFailed(f"reading the gradebook failed:\n{done.stderr[-2000:]}")
    grades = json.loads(done.stdout)
    expected = {}
    for submission, source, assignment, student in CASES:
        name = Path(source).stem
        if not (course / "autograded" / student / assignment / f"{name}.ipynb").is_file():
            raise NbgraderFailed(f"{submission}: nbgrader made no autograded notebook")
        cells = grades.get(f"{assignment}/{student}/{name}")
        if not cells:
            raise NbgraderFailed(f"{submission}: no grades in nbgrader's gradebook")
        for grade_id, (auto, maximum, manual) in cells.items():
            if (auto is None) != bool(manual):
                raise NbgraderFailed(f"{submission}, {grade_id}: auto_score {auto} but needs_manual_grade {manual}")
        expected[submission] = {grade_id: [auto, maximum] for grade_id, (auto, maximum, _manual) in cells.items()}
    return expected


def as_json(expected):
    """expected.json, one line per cell: {"submission": {"grade_id": [points, max], ...}, ...}."""
    blocks = []
    for submission, cells in expected.items():
        lines = [f"    {json.dumps(grade_id)}: {json.dumps(value)}" for grade_id, value in cells.items()]
        blocks.append(f"  {json.dumps(submission)}: {{\n" + ",\n".join(lines) + "\n  }")
    return "{\n" + ",\n".join(blocks) + "\n}\n"


def main():
    venv = nbgrader_venv()
    version = subprocess.run([str(venv / "bin" / "python"), "-c", "import nbgrader; print(nbgrader.__version__)"],
                             capture_output=True, text=True, check=True).stdout.strip()
    top = Path(tempfile.mkdtemp(prefix="tremplin-nbgrader-compat-", dir="/tmp"))
    try:
        expected = record(venv, top)
    except NbgraderFailed as exc:
        print(f"nbgrader {version} could not grade (course kept in {top}):\n{exc}", file=sys.stderr)
        sys.exit(1)
    if os.environ.get("KEEP"):
        print(f"course kept in {top}")
    else:
        shutil.rmtree(top, ignore_errors=True)
    EXPECTED.write_text(as_json(expected), encoding="utf-8")
    print(f"nbgrader {version}: {len(expected)} submissions recorded in {EXPECTED.relative_to(ROOT)}")
    for submission, cells in expected.items():
        print(f"  {submission}")
        for grade_id, (points, maximum) in cells.items():
            print(f"    {grade_id:<34} {'manual' if points is None else f'{points:g}':>6} / {maximum:g}")


if __name__ == "__main__":
    main()
