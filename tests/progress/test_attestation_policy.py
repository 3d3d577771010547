"""An attestation is issued only when the course's policy is met (course.toml, [attestation]); its page
says what was required."""

import pytest
from django.urls import reverse

from courses import services as courses_services
from courses.models import Course, Enrolment, Lesson
from courses.packages import PackageError, export_course, import_path
from exercises import services as exercises_services
from exercises.models import Submission
from progress import services
from progress.models import Attestation

from ..exercises.conftest import load_exercise

ALL_RIGHT = {"q0": "0", "q1": "false", "q2": "franceconnect", "q3": "12", "q4": ["0", "1"], "q5_0": "0", "q5_1": "1"}
FOUR_OF_SIX = {"q0": "0", "q1": "false", "q2": "franceconnect", "q3": "12"}  # 67 %


@pytest.fixture
def enrolled(resident, basics_course):
    Enrolment.objects.create(user=resident, course=basics_course)
    return resident


@pytest.fixture
def quizzes(basics_course):
    return [load_exercise(module, "quiz-arnaques") for module in basics_course.modules.order_by("order")]


def complete_lessons(user, course):
    for lesson in Lesson.objects.filter(module__course=course, status="published"):
        courses_services.lesson_complete(user=user, lesson=lesson)


def submit(user, exercise, answers):
    return exercises_services.submission_create(exercise=exercise, learner=user, mode="submit", answers=answers)


def attested(user, course):
    return Attestation.objects.filter(user=user, course=course).first()


def test_lessons_done_and_quizzes_sent_empty_give_no_attestation_nor_badge(client, enrolled, basics_course, quizzes):
    complete_lessons(enrolled, basics_course)
    client.force_login(enrolled)
    for quiz in quizzes:
        client.post(quiz.get_absolute_url(), {"incomplete": "1"})  # sent empty, past « Envoyer quand même »
    assert Submission.objects.filter(learner=enrolled, mode="submit", score=0).count() == len(quizzes)
    assert attested(enrolled, basics_course) is None
    page = client.get(reverse("progress:achievements")).content.decode()
    assert "badge.json" not in page and "/attestations/" not in page


def test_every_quiz_at_sixty_percent_issues_the_attestation_and_its_badge(client, enrolled, basics_course, quizzes):
    complete_lessons(enrolled, basics_course)
    submit(enrolled, quizzes[0], FOUR_OF_SIX)
    assert attested(enrolled, basics_course) is None  # the second quiz is not done yet
    submit(enrolled, quizzes[1], {})
    assert attested(enrolled, basics_course) is None  # done, at 0 %
    submit(enrolled, quizzes[1], FOUR_OF_SIX)  # a better score later
    attestation = attested(enrolled, basics_course)
    assert attestation is not None
    assert client.get(reverse("badge_assertion", args=[attestation.token])).status_code == 200


def test_the_lessons_still_count_when_the_quizzes_pass(enrolled, basics_course, quizzes):
    for quiz in quizzes:
        submit(enrolled, quiz, ALL_RIGHT)
    assert attested(enrolled, basics_course) is None
    complete_lessons(enrolled, basics_course)
    assert attested(enrolled, basics_course) is not None


def test_a_policy_may_leave_the_lessons_out(enrolled, basics_course, quizzes):
    Course.objects.filter(pk=basics_course.pk).update(
        attestation_policy={"lessons": False, "min_score": 60, "min_score_by_kind": {}}
    )
    basics_course.refresh_from_db()
    for quiz in quizzes:
        submit(enrolled, quiz, ALL_RIGHT)
    assert attested(enrolled, basics_course).requirements == {
        "lessons": False,
        "exercises": [{"kind": "quiz", "label": "Quiz", "min_score": 60}],
    }


@pytest.mark.parametrize(
    "policy, issued",
    [
        ({"lessons": True, "min_score": 90, "min_score_by_kind": {"quiz": 50}}, True),
        ({"lessons": True, "min_score": 50, "min_score_by_kind": {"quiz": 80}}, False),
    ],
)
def test_a_minimum_for_one_kind_overrides_the_default(enrolled, basics_course, quizzes, policy, issued):
    Course.objects.filter(pk=basics_course.pk).update(attestation_policy=policy)
    basics_course.refresh_from_db()
    complete_lessons(enrolled, basics_course)
    for quiz in quizzes:
        submit(enrolled, quiz, FOUR_OF_SIX)
    assert (attested(enrolled, basics_course) is not None) is issued


def test_a_trainers_override_meeting_the_minimum_issues_it(enrolled, basics_course, quizzes, trainer):
    complete_lessons(enrolled, basics_course)
    submit(enrolled, quizzes[0], ALL_RIGHT)
    low = submit(enrolled, quizzes[1], {"q0": "0"})
    assert attested(enrolled, basics_course) is None
    exercises_services.submission_override(submission=low, by=trainer, score=0.7, comment="Vu ensemble à l'atelier")
    assert attested(enrolled, basics_course) is not None


def test_work_waiting_for_review_counts_only_once_graded(enrolled, basics_course, trainer):
    exercise = load_exercise(basics_course.modules.first(), "moyenne")
    complete_lessons(enrolled, basics_course)
    waiting = Submission.objects.create(
        exercise=exercise,
        learner=enrolled,
        mode="submit",
        attempt=1,
        status="failed",
        score=1,
        final_score=1,
        needs_review=True,
    )
    services.submission_graded(waiting)
    assert attested(enrolled, basics_course) is None
    exercises_services.submission_override(submission=waiting, by=trainer, score=0.8, comment="")
    assert attested(enrolled, basics_course).requirements["exercises"] == [
        {"kind": "python", "label": "Python", "min_score": 60}
    ]


def test_the_verification_page_states_what_was_required_on_the_day(client, enrolled, basics_course, quizzes):
    Course.objects.filter(pk=basics_course.pk).update(
        attestation_policy={"lessons": True, "min_score": 60, "min_score_by_kind": {"quiz": 62.5}}
    )
    basics_course.refresh_from_db()
    complete_lessons(enrolled, basics_course)
    for quiz in quizzes:
        submit(enrolled, quiz, FOUR_OF_SIX)
    attestation = attested(enrolled, basics_course)
    Course.objects.filter(pk=basics_course.pk).update(
        attestation_policy={"lessons": False, "min_score": 90, "min_score_by_kind": {}}
    )
    page = client.get(attestation.get_absolute_url()).content.decode()
    assert "Délivrée après :" in page and "<li>toutes les leçons terminées</li>" in page
    assert "<li>chaque exercice de type « Quiz » réussi à 62,5 % au moins</li>" in page
    assert "90 %" not in page
    badge = client.get(reverse("badge_assertion", args=[attestation.token])).json()
    assert "chaque exercice de type « Quiz » réussi à 62,5 % au moins" in badge["evidence"][0]["narrative"]


def test_an_attestation_issued_before_requirements_were_recorded_says_so_plainly(client, enrolled, basics_course):
    attestation = Attestation.objects.create(
        user=enrolled, course=basics_course, learner_name="Awa", course_title="Courriel"
    )
    page = client.get(attestation.get_absolute_url()).content.decode()
    assert "Délivrée après avoir terminé toutes les activités du cours." in page and "Délivrée après :" not in page


def test_the_badge_class_states_the_courses_current_criteria(client, basics_course, quizzes):
    badge = client.get(reverse("badge_class", args=[basics_course.slug])).json()
    assert badge["criteria"]["narrative"] == (
        "Délivrée après : toutes les leçons terminées ; chaque exercice de type « Quiz » réussi à 60 % au moins."
    )


# ---------------------------------------------------------------- the package: course.toml, [attestation]

COURSE = 'title = "Mon cours"\ntrack = "numerique-de-base"\nsummary = "Un résumé."\n'


@pytest.fixture
def package(tmp_path):
    root = tmp_path / "mon-cours"
    (root / "01-bases").mkdir(parents=True)
    (root / "course.toml").write_text(COURSE, encoding="utf-8")
    (root / "01-bases" / "module.toml").write_text('title = "Les bases"\n', encoding="utf-8")
    (root / "01-bases" / "01-intro.md").write_text('+++\ntitle = "Introduction"\n+++\n\nTexte.\n', encoding="utf-8")
    return root


def test_without_a_table_the_safe_defaults_apply(db, package):
    [course] = import_path(package)
    assert course.attestation_policy == {}
    assert services.attestation_policy(course) == {"lessons": True, "min_score": 60, "min_score_by_kind": {}}


def test_the_policy_is_read_and_round_trips_through_export(db, package, tmp_path):
    (package / "course.toml").write_text(
        COURSE
        + "\n[attestation]\nmin_score = 70\nlessons = false\n\n[attestation.min_score_by_kind]\nquiz = 62.5\npython = "
        "80\n",
        encoding="utf-8",
    )
    [course] = import_path(package)
    policy = {"lessons": False, "min_score": 70, "min_score_by_kind": {"quiz": 62.5, "python": 80}}
    assert course.attestation_policy == policy
    folder = export_course(course, tmp_path / "export")
    Course.objects.filter(pk=course.pk).update(attestation_policy={})
    [again] = import_path(folder)
    assert again.pk == course.pk and again.attestation_policy == policy


@pytest.mark.parametrize(
    "table, expected",
    [
        ("[attestation]\nmin_score = 150\n", "course.toml:5: « min_score » doit être un pourcentage entre 0 et 100"),
        ("[attestation]\nmin_score = -1\n", "course.toml:5: « min_score » doit être un pourcentage"),
        ('[attestation]\nmin_score = "60"\n', "course.toml:5: « min_score » doit être un pourcentage"),
        ('[attestation]\nlessons = "oui"\n', "course.toml:5: « lessons » doit valoir true ou false"),
        ("[attestation]\nminimum = 60\n", "course.toml:5: clé inconnue « minimum » dans [attestation]"),
        ("[attestation.min_score_by_kind]\ncobol = 60\n", "course.toml:5: type d'exercice inconnu « cobol »"),
        (
            "[attestation.min_score_by_kind]\nquiz = 101\n",
            "course.toml:5: « min_score_by_kind.quiz » doit être un pourcentage",
        ),
        (
            "[attestation]\nmin_score_by_kind = { sql = 60, cobol = 50 }\n",
            "course.toml:5: type d'exercice inconnu « cobol »",
        ),
        ("attestation = 60\n", "course.toml:4: « attestation » doit être une table"),
    ],
)
def test_a_bad_policy_is_refused_with_file_line_and_message(db, package, table, expected):
    (package / "course.toml").write_text(COURSE + table, encoding="utf-8")
    with pytest.raises(PackageError) as error:
        import_path(package)
    assert any(expected in line for line in error.value.errors), error.value.errors
    assert not Course.objects.exists()
