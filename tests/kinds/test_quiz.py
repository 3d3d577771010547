"""The quiz kind (exercises/kinds/quiz): quiz.toml and GIFT folders, its authoring form, its export and its
grading in the web process."""

import tomllib

import pytest

from exercises.forms import apply_form, initial_for, is_simple
from exercises.kinds import kind_of
from exercises.kinds.quiz.forms import QuestionForm, question_initial
from exercises.kinds.quiz.grader import right_answers
from exercises.models import Exercise
from exercises.spec import read_exercise

from .helpers import EXAMPLES, export_and_read, form_data, make_form, read_errors, write_folder

QUIZ = """[[questions]]
type = "single"
text = "Quel site est officiel ?"
points = 2
choices = [
  { text = "service-public.fr", correct = true, feedback = "Oui." },
  { text = "service-public.com", correct = false },
]

[[questions]]
type = "short"
text = "Le bouton pour se connecter ?"
regex = "^france ?connect$"
feedback = "FranceConnect."

[[questions]]
type = "numeric"
text = "Combien de caractères ?"
answer = 12
tolerance = 0.5
"""
QUESTIONS = tomllib.loads(QUIZ)["questions"]
GIFT = "Le code secret se donne au téléphone. {F#Jamais}\n\n::Site:: Quel site ? {=impots.gouv.fr ~impots-gouv.com}\n"
META = 'title = "Arnaques"\nkind = "quiz"\n'


# ---------------------------------------------------------------- reading a folder


def test_a_valid_quiz_toml_gives_its_questions_and_no_files(tmp_path):
    spec = read_exercise(write_folder(tmp_path / "quiz", {"exercise.toml": META, "quiz.toml": QUIZ}))
    assert spec.kind == "quiz" and spec.config == {"questions": QUESTIONS}
    assert spec.starter == spec.solution == spec.tests == {}


def test_a_gift_file_replaces_quiz_toml(tmp_path):
    spec = read_exercise(write_folder(tmp_path / "quiz", {"exercise.toml": META, "arnaques.gift": GIFT}))
    assert [(q["type"], q["text"]) for q in spec.config["questions"]] == [
        ("truefalse", "Le code secret se donne au téléphone."),
        ("single", "Quel site ?"),
    ]
    assert spec.config["questions"][0]["answer"] is False and spec.config["questions"][0]["feedback"] == "Jamais"


def test_quiz_toml_wins_over_a_gift_file(tmp_path):
    files = {"exercise.toml": META, "quiz.toml": QUIZ, "arnaques.gift": "pas du GIFT"}
    assert read_exercise(write_folder(tmp_path / "quiz", files)).config["questions"] == QUESTIONS


def test_a_folder_without_questions_names_quiz_toml(tmp_path):
    folder = write_folder(tmp_path / "quiz", {"exercise.toml": META})
    assert read_errors(folder) == [f"{folder / 'quiz.toml'}:1: fichier quiz.toml (ou .gift) manquant"]


def test_a_bad_question_is_reported_with_its_number(tmp_path):
    bad = QUIZ.replace("correct = false", "correct = true")  # two right answers to a « single »
    folder = write_folder(tmp_path / "quiz", {"exercise.toml": META, "quiz.toml": bad})
    assert read_errors(folder) == [
        f"{folder / 'quiz.toml'}:1: question 1 : "
        "une seule bonne réponse pour « single », au moins une pour « multiple »"
    ]


def test_an_unknown_question_type_and_an_empty_quiz_are_reported(tmp_path):
    folder = write_folder(tmp_path / "a", {"exercise.toml": META, "quiz.toml": '[[questions]]\ntype = "essai"\n'})
    assert read_errors(folder) == [
        f"{folder / 'quiz.toml'}:1: question 1 : « type » doit valoir l'un de : "
        "single, multiple, truefalse, short, numeric, matching"
    ]
    empty = write_folder(tmp_path / "b", {"exercise.toml": META, "quiz.toml": 'titre = "rien"\n'})
    assert read_errors(empty) == [f"{empty / 'quiz.toml'}:1: aucune question ([[questions]])"]


def test_invalid_toml_gives_its_line(tmp_path):
    folder = write_folder(tmp_path / "quiz", {"exercise.toml": META, "quiz.toml": '[[questions]]\ntype = "single\n'})
    (error,) = read_errors(folder)
    assert error.startswith(f"{folder / 'quiz.toml'}:2: TOML invalide")


def test_a_bad_gift_file_gives_its_line(tmp_path):
    folder = write_folder(tmp_path / "quiz", {"exercise.toml": META, "arnaques.gift": GIFT + "\nSans réponses\n"})
    assert read_errors(folder) == [f"{folder / 'arnaques.gift'}:5: question sans réponses entre accolades {{ }}"]


# ---------------------------------------------------------------- the authoring form


def test_the_form_has_the_gift_field_and_no_run_limits(db, module):
    fields = set(make_form(module, "quiz").fields)
    assert "gift" in fields and {"title", "points", "max_attempts", "penalty", "hints"} <= fields
    assert not fields & {"time_limit", "memory_limit", "filename", "solution", "hidden_tests", "checks", "notebook"}


def test_bad_gift_text_is_reported_on_the_gift_field(db, module):
    form = make_form(module, "quiz", form_data("quiz", gift=GIFT + "\nSans réponses\n"))
    assert not form.is_valid()
    assert form.errors["gift"] == ["Ligne 5 : question sans réponses entre accolades { }"]


def test_without_gift_the_questions_come_from_the_question_forms(db, module):
    form = make_form(module, "quiz", form_data("quiz"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["questions"] is None  # the view fills them from the formset


def test_gift_text_gives_the_exercise_its_questions_and_keeps_its_limits(db, module):
    form = make_form(module, "quiz", form_data("quiz", gift=GIFT))
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module, time_limit=7, memory_limit=300), form.cleaned_data, True)
    assert [q["type"] for q in exercise.config["questions"]] == ["truefalse", "single"]
    assert exercise.starter == exercise.solution == exercise.tests == {}
    assert (exercise.time_limit, exercise.memory_limit, exercise.points) == (7, 300, 2)


def test_initial_values_and_question_forms_give_back_the_questions(db, module):
    form = make_form(module, "quiz", form_data("quiz", gift=GIFT))
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    initial = initial_for(exercise)
    assert initial["kind"] == "quiz" and "gift" not in initial and initial["hints"] == "1: Relisez l'énoncé."
    forms = [question_initial(q) for q in exercise.config["questions"]]
    assert forms[0]["answer"] == "faux" and forms[1]["lines"] == "* impots.gouv.fr\nimpots-gouv.com"
    again = [QuestionForm(data=data) for data in forms]
    assert all(f.is_valid() for f in again)
    assert [f.cleaned_data["question"]["type"] for f in again] == ["truefalse", "single"]


def test_a_regex_short_question_survives_its_question_form():
    question = QUESTIONS[1]
    form = QuestionForm(data=question_initial(question))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["question"]["regex"] == "^france ?connect$"


def test_a_quiz_is_always_edited_in_the_browser(db, module):
    exercise = Exercise(module=module, kind="quiz", config={"questions": QUESTIONS}, tests={"notes.txt": "x"})
    assert is_simple(exercise) and make_form(module, "quiz", instance=exercise).simple


# ---------------------------------------------------------------- export


def test_export_writes_quiz_toml_and_reads_back_the_same_questions(db, module, tmp_path):
    spec = read_exercise(EXAMPLES / "quiz-arnaques")
    exercise = Exercise(module=module, kind="quiz", title=spec.title, config=spec.config)
    again = export_and_read(exercise, tmp_path / "export")
    assert (tmp_path / "export" / "quiz.toml").is_file() and not list((tmp_path / "export").glob("*.gift"))
    assert again.config == spec.config and len(again.config["questions"]) == 6
    assert again.starter == again.solution == again.tests == {}


def test_quotes_newlines_and_backslashes_survive_the_export(db, module, tmp_path):
    questions = [
        {"type": "single", "text": "Quel site ?", "feedback": "Regardez la fin.", "points": 3, "choices": []},
        {"type": "short", "text": 'Le "bouton" ?\nUn seul mot.', "regex": r"^france\s?connect$"},
    ]
    questions[0]["choices"] = [{"text": "a.gouv.fr", "correct": True}, {"text": "a.com", "correct": False}]
    exercise = Exercise(module=module, kind="quiz", title="Quiz", config={"questions": questions})
    assert export_and_read(exercise, tmp_path / "export").config == {"questions": questions}


# ---------------------------------------------------------------- grading


def test_the_right_answers_score_every_point():
    spec = read_exercise(EXAMPLES / "quiz-arnaques")
    result = kind_of("quiz").grade(spec, right_answers(spec.config["questions"]))
    assert result.status == "passed" and result.score == 1.0 and len(result.tests) == 6
    assert result.message == "Bravo, toutes vos réponses sont justes !"


def test_wrong_answers_fail_their_questions_and_weigh_by_points(tmp_path):
    spec = read_exercise(write_folder(tmp_path / "quiz", {"exercise.toml": META, "quiz.toml": QUIZ}))
    result = kind_of("quiz").grade(spec, {"q0": "1", "q1": "France Connect", "q2": "12,4"})
    assert [t.status for t in result.tests] == ["failed", "passed", "passed"]
    assert result.status == "failed" and result.score == 0.5  # 2 points of 4
    assert result.tests[0].message == "Votre réponse : service-public.com\nLa bonne réponse : service-public.fr"
    assert result.tests[0].name == "1. Quel site est officiel ?"


# ---------------------------------------------------------------- the learner's answers


def _quiz(module):
    return Exercise.objects.create(
        module=module, slug="quiz", title="Quiz", kind="quiz", config={"questions": tomllib.loads(QUIZ)["questions"]}
    )


def test_blank_questions_are_asked_about_before_anything_is_sent(db, module, trainee):
    from django.http import QueryDict

    kind, exercise = kind_of("quiz"), _quiz(module)
    form = kind.work_form(exercise, trainee, QueryDict("q0=0&q1=&q2=12"))
    assert form.is_valid() and kind.work_sent(exercise, form) is None
    context = kind.page_context(exercise, trainee, form)
    assert context["unanswered"] == [2] and context["work_notice"] == "kinds/quiz/unanswered.html"
    assert [q["given"] for q in context["questions"]] == ["0", "", "12"]  # what was given, kept
    anyway = kind.work_form(exercise, trainee, QueryDict("q0=0&q1=&q2=12&incomplete=1&mode=check"))
    assert anyway.is_valid()
    assert kind.work_sent(exercise, anyway) == {"answers": {"q0": "0", "q1": "", "q2": "12"}, "mode": "submit"}


def test_a_fresh_page_draws_the_questions_without_answers(db, module, trainee):
    kind, exercise = kind_of("quiz"), _quiz(module)
    context = kind.page_context(exercise, trainee, kind.work_form(exercise, trainee))
    assert [q["index"] for q in context["questions"]] == [0, 1, 2] and "unanswered" not in context
    assert all("given" not in q for q in context["questions"])


def test_the_review_gives_the_answers_in_words(db, module, trainee):
    from types import SimpleNamespace

    exercise = _quiz(module)
    submission = SimpleNamespace(exercise=exercise, answers={"q0": "1", "q1": "", "q2": "12"})
    assert kind_of("quiz").review_context(submission, []) == {
        "quiz_answers": [
            ("Quel site est officiel ?", "service-public.com"),
            ("Le bouton pour se connecter ?", "(pas de réponse)"),
            ("Combien de caractères ?", "12"),
        ]
    }


def test_manage_grade_reads_answers_from_json_and_refuses_anything_else(tmp_path):
    from exercises.kinds.base import Unreadable

    kind = kind_of("quiz")
    (tmp_path / "answers.json").write_text('{"q0": "0"}', encoding="utf-8")
    assert kind.read_submission(tmp_path / "answers.json") == {"q0": "0"}
    for name, content in (("bad.json", b"{q0: 0"), ("binary.json", b"\xff\xfe\x00")):
        (tmp_path / name).write_bytes(content)
        with pytest.raises(Unreadable, match="Réponses illisibles : le fichier n'est pas un JSON valide."):
            kind.read_submission(tmp_path / name)
