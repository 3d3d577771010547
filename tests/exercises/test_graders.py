import json

import pytest
from django.core.management import call_command

from exercises.grading import grader_for
from exercises.kinds.quiz.gift import GiftError, parse_gift
from exercises.spec import ExerciseError, read_exercise
from tests.exercises.conftest import EXAMPLES

MOYENNE = EXAMPLES / "moyenne"
LIVRES = EXAMPLES / "livres-recents"
QUIZ = EXAMPLES / "quiz-arnaques"


def grade(folder, files, **kwargs):
    spec = read_exercise(folder)
    return grader_for(spec.kind)(spec, files, **kwargs)


def test_reference_solution_passes_in_the_sandbox():
    result = grade(MOYENNE, read_exercise(MOYENNE).solution)
    assert result.status == "passed" and result.score == 1.0 and result.reason is None
    assert [t.name for t in result.tests] == [
        "moyenne([10, 20]) renvoie 15",
        "La moyenne d'une liste vide vaut 0",
        "Valeur secrete",
    ]


def test_wrong_code_fails_and_hidden_tests_do_not_leak():
    result = grade(MOYENNE, read_exercise(MOYENNE).starter)
    assert result.status == "failed" and result.score == pytest.approx(2 / 3, abs=0.001)
    hidden = [t for t in result.tests if t.hidden]
    assert hidden and all(t.message in ("", "Test caché : non réussi.") for t in hidden)
    assert "424242" not in json.dumps(result.to_dict())
    assert "SECRET_EXPECTED" not in json.dumps(result.to_dict())


def test_public_failure_messages_say_what_came_out_and_what_was_expected():
    result = grade(
        MOYENNE, {"notes.py": "def moyenne(notes):\n    print('calcul en cours')\n    return 0\n"}, public_only=True
    )
    assert result.status == "failed" and len(result.tests) == 1
    message = result.tests[0].message
    assert message.startswith("la moyenne de 10 et 20 vaut 15\n")
    assert "Obtenu : 0 — attendu : 15 (moyenne([10, 20]) a renvoyé 0)" in message
    assert "Ce que votre programme a affiché :\ncalcul en cours" in message


def test_syntax_error_is_reported_with_its_line():
    result = grade(MOYENNE, {"notes.py": "def moyenne(notes)\n    return 0\n"})
    assert result.status == "error" and result.reason == "syntax"
    assert "ligne 1" in result.message


def test_sql_reference_passes_and_wrong_query_is_explained():
    assert grade(LIVRES, {"query.sql": read_exercise(LIVRES).solution["query.sql"]}).status == "passed"
    result = grade(LIVRES, {"query.sql": "SELECT titre, annee FROM livres WHERE annee > 2010 ORDER BY annee"})
    assert result.status == "failed"
    rows = next(t for t in result.tests if t.name == "Les lignes sont les bonnes")
    assert "Il manque 1 ligne." in rows.message and "2006" not in rows.message
    order = next(t for t in result.tests if "ordre" in t.name)
    assert order.status == "failed"


@pytest.mark.parametrize(
    "query, reason",
    [
        ("DELETE FROM livres", "refused"),
        ("DROP TABLE livres", "refused"),
        ("INSERT INTO livres (titre) VALUES ('x')", "refused"),
        ("ATTACH DATABASE '/tmp/x.db' AS x", "refused"),
        ("PRAGMA table_info(livres)", "refused"),
        ("SELECT 1; SELECT 2", "refused"),
        ("SELEC titre FROM livres", "syntax"),
        ("SELECT nope FROM livres", "syntax"),
    ],
)
def test_sql_only_accepts_one_read_query(query, reason):
    result = grade(LIVRES, {"query.sql": query})
    assert result.status == "error" and result.reason == reason, result.message


def test_sql_with_comments_and_recursive_cte_is_fine():
    query = (
        "-- les récents\nWITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3)\nSELECT "
        "titre, annee FROM livres WHERE annee > 2000 ORDER BY annee DESC;"
    )
    assert grade(LIVRES, {"query.sql": query}).status == "passed"


ALL_RIGHT = {
    "q0": "0",
    "q1": "false",
    "q2": "France-Connect",
    "q3": "12,0",
    "q4": ["0", "1"],
    "q5": {"0": "0", "1": "1"},
}


def test_quiz_all_right():
    result = grade(QUIZ, ALL_RIGHT)
    assert result.status == "passed" and result.score == 1.0


@pytest.mark.parametrize(
    "key, wrong",
    [
        ("q0", "1"),
        ("q1", "true"),
        ("q2", "FranceConect"),
        ("q3", "8"),
        ("q4", ["0"]),
        ("q5", {"0": "1", "1": "0"}),
        ("q0", ""),
    ],
)
def test_quiz_each_wrong_answer_costs_its_question(key, wrong):
    result = grade(QUIZ, {**ALL_RIGHT, key: wrong})
    assert result.status == "failed" and result.score == pytest.approx(5 / 6, abs=0.001)
    failed = [t for t in result.tests if t.status == "failed"]
    assert len(failed) == 1 and "La bonne réponse : " in failed[0].message


def test_quiz_feedback_is_given():
    result = grade(QUIZ, {**ALL_RIGHT, "q0": "1"})
    assert "regardez la fin de l'adresse" in result.tests[0].message


def test_gift_questions_are_read():
    questions = parse_gift(
        "// un commentaire\n::Q1:: Quel site est officiel ? {=service-public.fr#Oui ~service-public.com#Non}\n\n"
        "Le code secret se donne au téléphone. {F#Jamais}\n\n"
        "Le bouton pour se connecter ? {=FranceConnect =France Connect}\n\n"
        "Combien de caractères ? {#12:0}\n\n"
        "Associez. {=ameli.fr -> Assurance maladie =caf.fr -> Allocations}\n\n"
        "Signes d'alerte ? {~%50%urgence ~%50%code ~%-100%prénom}\n"
    )
    assert [q["type"] for q in questions] == ["single", "truefalse", "short", "numeric", "matching", "multiple"]
    assert questions[0]["choices"][0] == {"text": "service-public.fr", "correct": True, "feedback": "Oui"}
    assert questions[1]["answer"] is False and questions[3]["answer"] == 12.0
    assert questions[4]["pairs"][1] == {"left": "caf.fr", "right": "Allocations"}


def test_gift_errors_have_a_line():
    with pytest.raises(GiftError) as error:
        parse_gift("Première question {T}\n\nSans réponses\n")
    assert error.value.line == 3


def test_invalid_exercise_folder_is_reported(tmp_path):
    (tmp_path / "exercise.toml").write_text('title = "X"\nkind = "cobol"\n')
    with pytest.raises(ExerciseError) as error:
        read_exercise(tmp_path)
    assert any(":2: « kind »" in e for e in error.value.errors)


def test_grade_command_prints_only_the_result_json(capsys):
    call_command("grade", str(MOYENNE), str(MOYENNE / "solution"))
    out = capsys.readouterr().out
    data = json.loads(out)
    assert set(data) == {"status", "score", "message", "reason", "tests", "duration_ms"}
    assert data["status"] == "passed" and set(data["tests"][0]) == {"name", "status", "message"}


def test_grade_command_exits_2_on_an_invalid_exercise(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("grade", str(tmp_path), str(MOYENNE / "solution"))
    assert exit_info.value.code == 2
    assert "exercise.toml" in capsys.readouterr().err


def test_check_course_grades_solutions_and_starters(tmp_path, capsys):
    import shutil

    course = tmp_path / "cours"
    shutil.copytree(MOYENNE, course / "01-module" / "01-moyenne")
    (course / "course.toml").write_text('title = "C"\ntrack = "numerique-de-base"\nsummary = "S"\n')
    (course / "01-module" / "module.toml").write_text('title = "M"\n')
    call_command("check_course", str(course))
    assert "passed    failed    ok" in capsys.readouterr().out


def test_import_course_refuses_a_package_whose_solution_fails(tmp_path, db):
    import shutil

    from courses.models import Course
    from courses.packages import PackageError, import_path

    course = tmp_path / "cours"
    shutil.copytree(MOYENNE, course / "01-module" / "02-moyenne")
    (course / "course.toml").write_text('title = "C"\ntrack = "numerique-de-base"\nsummary = "S"\n')
    (course / "01-module" / "module.toml").write_text('title = "M"\n')
    (course / "01-module" / "01-intro.md").write_text('+++\ntitle = "Intro"\n+++\nTexte\n')
    [imported] = import_path(course)
    exercise = imported.modules.get().exercises.get()
    assert exercise.order == 2 and exercise.kind == "python" and "moyenne" in exercise.statement
    (course / "01-module" / "02-moyenne" / "solution" / "notes.py").write_text("def moyenne(notes):\n    return 1\n")
    Course.objects.all().delete()
    with pytest.raises(PackageError) as error:
        import_path(course)
    assert any("02-moyenne/solution:1: la solution de référence ne passe pas" in e for e in error.value.errors)
    assert not Course.objects.exists()


def test_exercises_round_trip_through_export(tmp_path, db):
    import shutil

    from courses.models import Course
    from courses.packages import export_course, import_path
    from exercises.models import Exercise

    course = tmp_path / "src" / "cours"
    for index, folder in enumerate((MOYENNE, LIVRES, QUIZ), start=1):
        shutil.copytree(folder, course / "01-module" / f"0{index}-{folder.name}")
    (course / "course.toml").write_text('title = "C"\ntrack = "numerique-de-base"\nsummary = "S"\n')
    (course / "01-module" / "module.toml").write_text('title = "M"\n')
    [imported] = import_path(course)
    fields = [
        "slug",
        "title",
        "kind",
        "statement",
        "points",
        "order",
        "hints",
        "starter",
        "solution",
        "tests",
        "config",
        "time_limit",
    ]
    before = list(Exercise.objects.order_by("order").values(*fields))
    export_course(imported, tmp_path / "out")
    Course.objects.all().delete()
    import_path(tmp_path / "out" / "cours")
    assert list(Exercise.objects.order_by("order").values(*fields)) == before


def test_demo_content_solutions_pass_and_starters_fail(capsys):
    """Every demo exercise: its reference solution passes in the sandbox, its starter does not."""
    from pathlib import Path

    call_command("check_course", str(Path(__file__).resolve().parents[2] / "content"))
    out = capsys.readouterr().out
    assert out.count(" ok\n") >= 24 and "FAIL" not in out


def test_without_bubblewrap_grading_is_refused_clearly(monkeypatch, settings):
    from exercises import sandbox

    monkeypatch.setattr(sandbox, "bwrap_path", lambda: None)
    settings.SANDBOX_ALLOW_UNSAFE = False
    result = grade(MOYENNE, read_exercise(MOYENNE).solution)
    assert result.status == "error" and result.reason == "refused"
    assert "bubblewrap" in result.message and "indisponible" in result.message


def test_unsafe_local_runs_only_when_explicitly_allowed(monkeypatch, settings):
    """Development only: SANDBOX_ALLOW_UNSAFE runs the same grader without isolation."""
    from exercises import sandbox

    monkeypatch.setattr(sandbox, "bwrap_path", lambda: None)
    settings.SANDBOX_ALLOW_UNSAFE = True
    result = grade(MOYENNE, read_exercise(MOYENNE).solution)
    assert result.status == "passed", result


def test_production_settings_never_allow_unsafe_runs():
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.SANDBOX_ALLOW_UNSAFE)"
    env = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 50,
        "SANDBOX_ALLOW_UNSAFE": "1",
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        cwd=str(MOYENNE.parents[3]),
    )
    assert out.stdout.strip() == "False", out.stderr
