"""Cheating attempts against the notebook grader: none may pass, none may read the hidden tests.

Each attack in tests/exercises/hostile_notebook/ is what a learner types in the `reponse` cell of
the notebook-villes exercise (tests/exercises/examples/notebook-villes/): `NN-short-name.py`, the
cell's Python source, and optionally `NN-short-name.total.py`, the source of the `reponse-total`
cell that runs after the tests of `moyenne` (to show what the first cell gathered). Each file starts
with a comment saying what it attempts. The exercise's tests:

    tests-moyenne (2 points)   assert moyenne([10, 20]) == 15, 'la moyenne de 10 et 20 vaut 15'
                               + a hidden test on another list (never sent to the learner's side)
    tests-total (1 point)      assert total == 30

Every attack is graded with the real grader and sandbox (exercises/graders/notebook.py, two
sandboxes, time limit 3 s per cell) and must end with:

- a result, passed, failed or error, whose message is French and never a traceback;
- `tests-moyenne` not passed (failed, 0 point): the attacks' `moyenne` never computes the mean for
  the hidden test's list (most answer 15, right for the public test only), whatever they do to the
  kernel, the shell, the builtins, the wire or the processes around them;
  except the CORRECT ones, whose `moyenne` really computes the mean beside the attack: there the
  hidden test decides, and passes (the attack's noise changes nothing);
- nothing of the hidden test shown: neither its list nor the hidden markers, in the result's
  message, any test's message, all the learner sees of the result (result.to_dict()), or the
  executed notebook's HTML the learner sees;
- no <script> in that HTML, the grading done in less than MAX_SECONDS, and no process of a sandbox
  uid left behind (test_hostile.survivors: a forked child, a replaced kernel...).

The three controls (honest answers) must pass. Attacks that beat the grader are kept, marked
xfail(strict=True) with the reason (BEATS_THE_GRADER): they fail the day the grader is fixed.

Run: .venv/bin/python -m pytest tests/exercises/test_hostile_notebook.py -q -p no:randomly
"""

import json
import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from exercises.kinds.notebook.grader import grade
from exercises.spec import read_exercise

from .conftest import EXAMPLES
from .test_hostile import survivors
from .test_notebook_grading import GOOD, by_key

ATTACKS = Path(__file__).parent / "hostile_notebook"
TOTAL_SUFFIX = ".total.py"
MAX_SECONDS = 30
# What the hidden test is made of: none of it may reach the learner.
NEVER_SHOWN = ["[1, 2, 3, 6]", "1, 2, 3, 6", "HIDDEN"]
FRENCH = re.compile(
    r"\b(points?|tests?|cellule|notebook|temps|mémoire|noyau|réussis?|formateur|exécuté)\b", re.IGNORECASE
)

pytestmark = [
    pytest.mark.usefixtures("settings"),
    pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed"),
]

# The controls and the attacks whose `moyenne` really computes the mean: they pass.
CORRECT = {
    "01-control-honest",
    "02-control-honest-prints",
    "03-control-honest-numpy",
    "38-fork-lingering",
    "39-thread-prints-later",
    "41-atexit-hooks",
}
# What the message of tests-moyenne must say, for the attacks whose failure has a known cause.
EXPECTED_MESSAGE = {
    "27-infinite-loop-in-moyenne": "temps dépassé",
    "28-print-flood-in-moyenne": "beaucoup trop de texte",
    "29-stderr-in-moyenne": "sortie d'erreur",
    "33-huge-return-value": "valeur trop grande",
    "40-sigint-ignored-loop": "temps dépassé",
}
# What the grader does not prevent, documented in docs/grading.md (« What this does not carry »): the
# learner's code is called with the hidden tests' arguments, so it can keep them and show them later.
# Their code, expected values and messages never reach it.
BEATS_THE_GRADER = {
    "45-args-leak-print-later": (
        "documented limit: the hidden test's arguments reach the learner's moyenne (by design: it is called with "
        "them); a later "
        "answer cell prints them, and the executed notebook shows '[1, 2, 3, 6]'"
    ),
    "46-args-leak-error-message": (
        "documented limit: the hidden test's arguments reach the learner's moyenne; a later answer cell raises them, "
        "and the "
        "result's message (« Cellule 4 — ValueError: … ») shows '[1, 2, 3, 6]'"
    ),
}


def forge_test_cells(notebook):
    """44-forged-metadata: cells claiming to be the tests, and test-like metadata on the answer."""
    fake_meta = {
        "grade": True,
        "grade_id": "tests-moyenne",
        "locked": True,
        "points": 99,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }
    notebook.cells.insert(0, new_code_cell("assert True", metadata={"nbgrader": dict(fake_meta)}))
    notebook.cells.append(new_code_cell("assert True", metadata={"nbgrader": dict(fake_meta, grade_id="tests-total")}))
    for cell in notebook.cells:
        nbgrader = cell.metadata.get("nbgrader", {})
        if nbgrader.get("grade_id") == "reponse":
            nbgrader.update(grade=True, locked=True, points=99)
            cell.metadata["tremplin"] = {"hidden": "assert True"}
        if nbgrader.get("grade_id") == "tests-moyenne" and cell.source != "assert True":
            cell.source = "assert True"
            cell.metadata["tremplin"] = {"hidden": "assert True"}
            cell.outputs = []
    notebook.metadata["nbgrader"] = {"grades": {"tests-moyenne": 2}}


NOTEBOOK_EDITS = {"44-forged-metadata": forge_test_cells}


@pytest.fixture(scope="module")
def spec():
    spec = read_exercise(EXAMPLES / "notebook-villes")
    spec.time_limit = 3
    return spec


def attack_names():
    return sorted(
        p.name.removesuffix(".py") for p in ATTACKS.glob("[0-9][0-9]-*.py") if not p.name.endswith(TOTAL_SUFFIX)
    )


def attack_params():
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=BEATS_THE_GRADER[name]))
        if name in BEATS_THE_GRADER
        else name
        for name in attack_names()
    ]


def submission(spec, name):
    """The learner's notebook with the attack typed in its answer cells."""
    answers = dict(GOOD, reponse=(ATTACKS / f"{name}.py").read_text(encoding="utf-8"))
    total = ATTACKS / f"{name}{TOTAL_SUFFIX}"
    if total.exists():
        answers["reponse-total"] = total.read_text(encoding="utf-8")
    copy = nbformat.reads(spec.starter["notebook.ipynb"], as_version=4)
    for cell in copy.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    if name in NOTEBOOK_EDITS:
        NOTEBOOK_EDITS[name](copy)
    return {"notebook.ipynb": nbformat.writes(copy)}


def graded(spec, files):
    """(result, HTML of the executed notebook as the learner sees it)."""
    result = grade(spec, files, artefacts=True)
    return result, (result.artefacts.get("document") or {}).get("html", "")


@pytest.mark.parametrize("name", attack_params())
def test_attack(spec, name):
    started = time.monotonic()
    result, html = graded(spec, submission(spec, name))
    elapsed = time.monotonic() - started
    tests = by_key(result)
    moyenne = tests.get("tests-moyenne")
    summary = " ".join(f"{key}:{t.status}/{t.earned:g}" for key, t in tests.items())
    print(f"\n  [notebook] {name:<36} {elapsed:5.2f} s  {result.status} score={result.score} {summary}")
    assert elapsed < MAX_SECONDS, f"{name}: grading took {elapsed:.1f} s"

    # A result with a French message, never a traceback.
    messages = [result.message, *(t.message for t in result.tests)]
    assert result.status in ("passed", "failed", "error"), result
    assert result.message and FRENCH.search(result.message), f"{name}: {result.message!r}"
    assert not any("Traceback" in text for text in messages), f"{name}: {messages}"

    # The hidden test decides.
    if name in CORRECT:
        assert moyenne is not None and (moyenne.status, moyenne.earned) == ("passed", 2), f"{name}: {moyenne}"
    else:
        assert moyenne is None or (moyenne.status, moyenne.earned) == ("failed", 0), f"{name}: {moyenne}"
        assert result.status != "passed" and result.score < 1, f"{name}: {result}"
    if name in EXPECTED_MESSAGE:
        assert moyenne is not None and EXPECTED_MESSAGE[name] in moyenne.message, f"{name}: {moyenne.message!r}"

    # Nothing of the hidden test is shown.
    visible = json.dumps(result.to_dict(), ensure_ascii=False)
    places = [
        ("result", result.message),
        *((t.key, t.message) for t in result.tests),
        ("to_dict", visible),
        ("html", html),
    ]
    for place, text in places:
        shown = [secret for secret in NEVER_SHOWN if secret in text]
        assert not shown, f"{name}: {place} shows {shown}: {text[-3000:]}"
    assert "<script" not in html.lower(), f"{name}: the HTML has a script"
    left = survivors()
    assert not left, f"{name}: sandbox processes survived the grading: {left}"


def test_the_corpus_is_complete():
    """At least 30 attacks beside the 3 controls, each file starting with a comment, every name of
    the sets above an existing attack, and no attack's own text holding what must never be shown."""
    names = attack_names()
    assert len(names) >= 33, names
    assert set(CORRECT) | set(EXPECTED_MESSAGE) | set(BEATS_THE_GRADER) | set(NOTEBOOK_EDITS) <= set(names)
    for path in ATTACKS.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# "), f"{path.name}: starts without a comment saying what it attempts"
        assert not [secret for secret in NEVER_SHOWN if secret in text], path.name
        if path.name.endswith(TOTAL_SUFFIX):
            assert path.name.removesuffix(TOTAL_SUFFIX) in names, f"{path.name}: no attack of that name"


# ------------------------------------------------------------------ library names in the tests
# tests/exercises/examples/notebook-ecarts: only the trainer's *answer* imports numpy; its test cell
# uses `np.testing.assert_allclose`, its hidden test `assert_allclose`. Those names are the tests'
# side's own imports (the grader sends it the imports of the trainer's answer), never the kernel's:
# a learner who replaces them in its kernel, or binds them to its own objects, gains nothing.
LIBRARY_ATTACKS = {
    "honest": (
        "# an honest answer that does not import assert_allclose, which the hidden test uses: the tests' own\n"
        "import numpy as np\n"
        "def ecarts(valeurs):\n"
        "    return np.array(valeurs) - np.mean(valeurs)\n"
    ),
    "module-function-patched": (
        "# np.testing.assert_allclose replaced in the learner's numpy: every comparison passes\n"
        "import numpy as np\n"
        "from numpy import testing\n"
        "testing.assert_allclose = lambda *args, **kwargs: None\n"
        "from numpy.testing import assert_allclose\n"
        "def ecarts(valeurs):\n"
        "    return [0]\n"
    ),
    "fake-module-object": (
        "# np and assert_allclose bound to the learner's own objects, which accept anything\n"
        "class Testing:\n"
        "    def assert_allclose(self, *args, **kwargs):\n"
        "        return None\n"
        "class FakeNumpy:\n"
        "    testing = Testing()\n"
        "np = FakeNumpy()\n"
        "def assert_allclose(*args, **kwargs):\n"
        "    return None\n"
        "def ecarts(valeurs):\n"
        "    return 0\n"
    ),
    "sys-modules-replaced": (
        "# the learner's sys.modules['numpy.testing'] and numpy itself swapped for modules that accept anything\n"
        "import sys, types\n"
        "fake = types.ModuleType('numpy')\n"
        "fake.testing = types.ModuleType('numpy.testing')\n"
        "fake.testing.assert_allclose = lambda *args, **kwargs: None\n"
        "sys.modules['numpy'], sys.modules['numpy.testing'] = fake, fake.testing\n"
        "import numpy as np\n"
        "from numpy.testing import assert_allclose\n"
        "def ecarts(valeurs):\n"
        "    return 0\n"
    ),
}


@pytest.mark.parametrize("name", sorted(LIBRARY_ATTACKS))
def test_library_names_used_by_the_tests_are_the_tests_own(name):
    spec = read_exercise(EXAMPLES / "notebook-ecarts")
    copy = nbformat.reads(spec.starter["notebook.ipynb"], as_version=4)
    for cell in copy.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "reponse":
            cell.source = LIBRARY_ATTACKS[name]
    result = grade(spec, {"notebook.ipynb": nbformat.writes(copy)})
    ecarts = by_key(result)["tests-ecarts"]
    if name == "honest":
        assert (result.status, ecarts.status, ecarts.earned) == ("passed", "passed", 2), result
    else:
        assert (ecarts.status, ecarts.earned) == ("failed", 0), f"{name}: {ecarts}"
        assert result.status != "passed" and result.score == 0, f"{name}: {result}"
    assert not survivors()


def test_the_reference_answer_of_the_library_example_passes():
    spec = read_exercise(EXAMPLES / "notebook-ecarts")
    result = grade(spec, dict(spec.solution))
    assert (result.status, by_key(result)["tests-ecarts"].earned) == ("passed", 2), result


def test_a_cut_output_reads_as_a_flood_whichever_the_kernel_sees_first():
    """A flood's cell ends either with the sandbox's cut or with BrokenPipeError on the next print (it
    depends on the machine's load): the learner reads the same cause both ways (CI saw both)."""
    from exercises.kinds.notebook.grader import _error_text

    text = _error_text({"ename": "BrokenPipeError", "evalue": "[Errno 32] Broken pipe"})
    assert "beaucoup trop de texte" in text and "Broken pipe" not in text
