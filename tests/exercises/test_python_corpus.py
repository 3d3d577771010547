"""The Python grader's compatibility corpus: small exercises whose tests are written the way well-known
exercise sets write them (Exercism's unittest classes, plain pytest, university autograders' parametrize
tables, capsys/capfd, monkeypatched input, tmp_path files, matplotlib…). Each folder of python_corpus/ is
an exercise folder (exercise.toml, solution/, starter/, tests/): through the real sandbox, its reference
solution must pass every test, none missing, and its starter must load and fail at least one.
"""

import re
import shutil
from pathlib import Path

import pytest

from exercises.grading import grader_for
from exercises.spec import read_exercise

CORPUS = Path(__file__).parent / "python_corpus"
FOLDERS = sorted(p for p in CORPUS.iterdir() if p.is_dir() and p.name != "__pycache__")
TEST_FILE = re.compile(r"(^|/)(test_[^/]*|[^/]*_test)\.py$")

# How many tests (functions, methods, parametrised cases) each exercise has: the grader must report
# every one of them, for the solution and for the starter.
EXPECTED_TESTS = {
    "01-saluer": 8,
    "02-geometrie": 8,
    "03-annee-bissextile": 9,
    "04-statistiques": 15,
    "05-conversions": 24,
    "06-rectangle": 12,
    "07-horloge": 16,
    "08-compte-bancaire": 13,
    "09-animaux": 8,
    "10-thermometre": 9,
    "11-compte-a-rebours": 10,
    "12-suites-infinies": 8,
    "13-iterateur": 8,
    "14-validations": 15,
    "15-hamming": 9,
    "16-inscription": 10,
    "17-mentions": 14,
    "18-panier-fixtures": 11,
    "19-affichage": 9,
    "20-recu": 6,
    "21-accueil-saisie": 6,
    "22-calculette-saisie": 7,
    "23-devinette": 5,
    "24-lire-fichiers": 7,
    "25-ecrire-fichiers": 7,
    "26-journal": 5,
    "27-listes-en-place": 10,
    "28-stock-dictionnaire": 8,
    "29-compter-mots": 9,
    "30-points-nommes": 6,
    "31-ensembles": 7,
    "32-nombres-exacts": 9,
    "33-dates": 12,
    "34-structures-imbriquees": 10,
    "35-ordre-superieur": 11,
    "36-evenements": 8,
    "37-tva-module": 7,
    "38-compteur-global": 6,
    "39-graphique-ventes": 6,
}

needs_sandbox = pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")


def test_the_corpus_has_at_least_30_exercises():
    assert len(FOLDERS) >= 30
    assert {folder.name for folder in FOLDERS} == set(EXPECTED_TESTS), "every exercise has its expected test count"


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_folder_is_a_valid_exercise_stating_its_test_styles(folder):
    spec = read_exercise(folder)  # the course checker's rules: raises ExerciseError listing file:line: message
    assert spec.kind == "python" and spec.time_limit == 5 and spec.title
    assert spec.solution and spec.starter and set(spec.solution) == set(spec.starter)
    for name, text in spec.tests.items():
        if name.endswith(".py"):
            assert text.startswith("# Style"), f"{name}: the first line states the test style"


@needs_sandbox
@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_solution_passes_and_starter_fails(folder):
    spec = read_exercise(folder)
    grade = grader_for("python")
    solution = grade(spec, dict(spec.solution))
    assert solution.status == "passed", solution.to_dict()
    keys = [t.key for t in solution.tests]
    assert len(keys) == len(set(keys)) == EXPECTED_TESTS[folder.name], keys
    test_files = {name for name in spec.tests if TEST_FILE.search(name)}
    assert {key.split("::")[0] for key in keys} == test_files, "every test file was collected"

    starter = grade(spec, dict(spec.starter))
    # The starter loads (no syntax or import error: "failed", not "error"), runs every test and fails some.
    assert starter.status == "failed", starter.to_dict()
    assert sorted(t.key for t in starter.tests) == sorted(keys)
