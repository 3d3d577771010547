"""Competences move with graded work and completed lessons, incrementally; recompute agrees."""

import pytest
from django.urls import reverse

from courses import services as courses_services
from courses.models import Enrolment, Lesson
from exercises import services as exercises_services
from exercises.models import Submission
from progress import services
from progress.frameworks import FrameworkError, load_framework, read_framework
from progress.models import (
    ActivityLink,
    ActivityMonth,
    BlockReady,
    Competence,
    CompetenceProgress,
    Evidence,
    ProgressEvent,
    Qualification,
    State,
)
from tests.exercises.conftest import eager, load_exercise  # noqa: F401 - fixture

CP7 = "RNCP37674-CP7"
RIGHT = "def moyenne(notes):\n    return sum(notes) / len(notes) if notes else 0\n"
WRONG = "def moyenne(notes):\n    return 0\n"


@pytest.fixture
def learner(trainee, web_course):
    Enrolment.objects.create(user=trainee, course=web_course)
    return trainee


@pytest.fixture
def web_module(web_course):
    return web_course.modules.first()


def graded(exercise, learner, score, status=None):
    """A graded submission as the grading service leaves it, then the progress hook it calls."""
    submission = Submission.objects.create(
        exercise=exercise,
        learner=learner,
        mode="submit",
        attempt=1,
        status=status or ("passed" if score == 1 else "failed"),
        score=score,
        final_score=score,
    )
    services.submission_graded(submission)
    return submission


def state(learner, code):
    progress = CompetenceProgress.objects.filter(user=learner, competence__code=code).first()
    return (progress.state, progress.score) if progress else (State.NOT_STARTED, 0.0)


def test_bundled_frameworks_load_twice_without_duplicates(frameworks):
    assert set(frameworks) == {"RNCP37674", "RNCP31114", "CRCN", "CLEA-NUM"}
    assert Competence.objects.filter(block__qualification__code="CRCN").count() == 16
    assert [b.code for b in frameworks["RNCP37674"].blocks.all()] == ["RNCP37674BC01", "RNCP37674BC02"]
    for path in __import__("progress.frameworks", fromlist=["x"]).default_files():
        load_framework(path)
    assert Competence.objects.count() == 8 + 8 + 16 + 4 and Qualification.objects.count() == 4


def test_a_broken_framework_file_says_where(tmp_path):
    path = tmp_path / "f.toml"
    path.write_text(
        'code = "X"\ntitle = "X"\n[policy]\nthreshold = 2\n[[blocks]]\ncode = "B"\ntitle = "B"\ncompetences = [{ code '
        '= "C1", title = "a" }, { code = "C1", title = "b" }]\n'
    )
    with pytest.raises(FrameworkError) as raised:
        read_framework(path)
    assert f"{path}:4: « threshold » est une part entre 0 et 1" in raised.value.errors
    assert any("code de compétence en double : C1" in e for e in raised.value.errors)


def test_graded_work_moves_a_competence_through_the_real_pipeline(
    dwwm, learner, web_module, eager, django_capture_on_commit_callbacks
):
    exercise = load_exercise(web_module, "moyenne", competences=[CP7])
    services.sync_links(exercise=exercise)
    with django_capture_on_commit_callbacks(execute=True):
        exercises_services.submission_create(
            exercise=exercise, learner=learner, mode="submit", files={"notes.py": WRONG}
        )
    assert state(learner, CP7)[0] == State.IN_PROGRESS
    with django_capture_on_commit_callbacks(execute=True):
        exercises_services.submission_create(
            exercise=exercise, learner=learner, mode="submit", files={"notes.py": RIGHT}
        )
    assert state(learner, CP7) == (State.ACQUIRED, 1.0)
    evidence = Evidence.objects.get(user=learner, competence__code=CP7)
    assert evidence.submission.status == "passed" and evidence.score == 1.0
    assert list(ProgressEvent.objects.filter(user=learner).order_by("pk").values_list("from_state", "to_state")) == [
        (State.NOT_STARTED, State.IN_PROGRESS),
        (State.IN_PROGRESS, State.ACQUIRED),
    ]
    # A « Vérifier » never counts.
    with django_capture_on_commit_callbacks(execute=True):
        exercises_services.submission_create(
            exercise=exercise, learner=learner, mode="check", files={"notes.py": WRONG}
        )
    assert ProgressEvent.objects.filter(user=learner).count() == 2


def test_threshold_best_attempt_and_trainer_override(dwwm, learner, web_module, trainer):
    first = load_exercise(web_module, "moyenne", competences=[CP7], points=3)
    second = load_exercise(web_module, "majuscules", competences=[CP7], points=1)
    for exercise in (first, second):
        services.sync_links(exercise=exercise)
    best = graded(first, learner, 1.0)  # 3 points of 4: 75 % < 80 %
    assert state(learner, CP7) == (State.IN_PROGRESS, 0.75)
    graded(second, learner, 0.5)  # 3.5 of 4
    assert state(learner, CP7) == (State.ACQUIRED, 0.875)
    graded(first, learner, 0.0)  # a later, worse attempt: the best one counts
    assert state(learner, CP7) == (State.ACQUIRED, 0.875)
    exercises_services.submission_override(submission=best, by=trainer, score=0.2, comment="copié")
    assert state(learner, CP7) == (State.IN_PROGRESS, 0.275)


def test_lessons_are_evidence_and_drafts_do_not_count(dwwm, learner, web_module):
    lesson = Lesson.objects.filter(module=web_module).first()
    lesson.competences = [CP7]
    lesson.save()
    services.sync_links(lesson=lesson)
    courses_services.lesson_complete(user=learner, lesson=lesson)
    assert state(learner, CP7)[0] == State.IN_PROGRESS
    courses_services.lesson_uncomplete(user=learner, lesson=lesson)
    assert state(learner, CP7)[0] == State.NOT_STARTED
    draft = load_exercise(web_module, "moyenne", competences=[CP7])
    draft.status = "draft"
    draft.save()
    services.sync_links(exercise=draft)
    published = load_exercise(web_module, "majuscules", competences=[CP7])
    services.sync_links(exercise=published)
    graded(published, learner, 1.0)
    assert state(learner, CP7) == (State.ACQUIRED, 1.0)  # the draft's points are not required


def test_trainer_validates_then_invalidates_with_a_reason(dwwm, learner, trainer):
    competence = Competence.objects.get(code=CP7)
    services.competence_validate(user=learner, competence=competence, by=trainer, comment="Vu en projet")
    assert state(learner, CP7)[0] == State.VALIDATED
    services.competence_invalidate(user=learner, competence=competence, by=trainer, reason="Erreur de saisie")
    assert state(learner, CP7)[0] == State.NOT_STARTED
    events = list(ProgressEvent.objects.filter(user=learner).order_by("pk").values_list("to_state", "actor", "reason"))
    assert events == [
        (State.VALIDATED, trainer.pk, "Vu en projet"),
        (State.NOT_STARTED, trainer.pk, "Erreur de saisie"),
    ]


def test_recompute_gives_the_incremental_result(dwwm, learner, other_trainee, web_module, trainer):
    exercises = [
        load_exercise(web_module, name, competences=[CP7, "RNCP37674-CP6"])
        for name in ("moyenne", "majuscules", "livres-recents")
    ]
    for exercise in exercises:
        services.sync_links(exercise=exercise)
    for who, scores in ((learner, (1.0, 0.5, 0.0)), (other_trainee, (0.0, 1.0, 1.0))):
        for exercise, score in zip(exercises, scores, strict=False):
            graded(exercise, who, score)
    graded(exercises[0], other_trainee, 1.0)
    services.observation_add(
        user=learner, competence=Competence.objects.get(code=CP7), by=trainer, note="Explique bien son code"
    )

    def snapshot():
        return (
            sorted(
                CompetenceProgress.objects.values_list(
                    "user_id", "competence__code", "state", "score", "earned", "possible", "evidence_count"
                )
            ),
            sorted(
                ActivityMonth.objects.values_list(
                    "user_id",
                    "month",
                    "track_id",
                    "submissions",
                    "passed",
                    "lessons",
                    "minutes",
                    "acquired",
                    "attestations",
                )
            ),
            sorted(BlockReady.objects.values_list("user_id", "block_id")),
        )

    before = snapshot()
    assert before[1]  # the monthly activity the indicators read
    services.competence_validate(user=learner, competence=Competence.objects.get(code="RNCP37674-CP6"), by=trainer)
    before = snapshot()
    BlockReady.objects.all().delete()
    Evidence.objects.exclude(kind="observation").delete()
    CompetenceProgress.objects.update(state=State.NOT_STARTED, score=0, earned=0, possible=0, evidence_count=0)
    services.recompute()
    assert snapshot() == before


def test_learner_page_shows_states_evidence_next_steps_with_bounded_queries(
    client, dwwm, learner, web_module, django_assert_max_num_queries
):
    exercise = load_exercise(web_module, "moyenne", competences=[CP7])
    other = load_exercise(web_module, "majuscules", competences=["RNCP37674-CP4"])
    for item in (exercise, other):
        services.sync_links(exercise=item)
    graded(exercise, learner, 1.0)
    client.force_login(learner)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("progress:my_path")).content.decode()
    assert "Titre professionnel Développeur web et web mobile" in page, page
    assert (
        '<span aria-hidden="true">●</span> Acquise</span>' in page
        and "CP7" in page
        and "100 % des points des exercices liés" in page
    )
    assert "1 compétence acquise sur 8" in page
    assert "À faire ensuite" in page and other.title in page  # linked to CP4, not done yet
    assert "Calculer une moyenne" in page  # the evidence, and the portfolio


def test_next_steps_never_lead_to_a_page_the_learner_may_not_open(client, dwwm, learner, web_track, trainer):
    """« À faire ensuite » offered exercises of courses the learner does not follow: a 403. They now
    lead to the course, to enrol first; once enrolled, to the exercise itself."""
    from tests.conftest import make_course

    elsewhere = make_course(web_track, "javascript", authors=[trainer])
    exercise = load_exercise(elsewhere.modules.first(), "majuscules", competences=["RNCP37674-CP4"])
    services.sync_links(exercise=exercise)
    client.force_login(learner)
    page = client.get(reverse("progress:my_path")).content.decode()
    assert f'<a href="{elsewhere.get_absolute_url()}">{exercise.title} — inscrivez-vous d' in page
    assert client.get(elsewhere.get_absolute_url()).status_code == 200
    assert client.get(exercise.get_absolute_url()).status_code == 403  # why the link must not go there
    Enrolment.objects.create(user=learner, course=elsewhere)
    page = client.get(reverse("progress:my_path")).content.decode()
    assert f'<a href="{exercise.get_absolute_url()}">{exercise.title}</a>' in page


def test_learner_page_query_count_does_not_grow_with_the_data(
    client, frameworks, dwwm, learner, web_module, django_assert_max_num_queries
):
    crcn = frameworks["CRCN"]
    crcn.learners.add(learner)
    codes = list(Competence.objects.values_list("code", flat=True))
    exercise = load_exercise(web_module, "moyenne", competences=codes)
    services.sync_links(exercise=exercise)
    graded(exercise, learner, 1.0)
    assert ActivityLink.objects.count() == len(codes)
    client.force_login(learner)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("progress:my_path")).status_code == 200


def test_my_path_needs_a_login(client, db):
    response = client.get(reverse("progress:my_path"))
    assert response.status_code == 302 and "/comptes/" in response.url


def test_trainers_link_exercises_and_lessons_to_competences_in_the_browser(client, frameworks, trainer, basics_course):
    from tests.exercises.test_authoring import PY_FORM

    module = basics_course.modules.first()
    client.force_login(trainer)
    url = reverse("exercises:exercise_create", args=[basics_course.slug, module.pk])
    page = client.post(url, {**PY_FORM, "competences": "RNCP37674-CP7, RNCP99999-CP1"}).content.decode()
    assert "Codes inconnus : RNCP99999-CP1" in page
    client.post(url, {**PY_FORM, "competences": "RNCP37674-CP7 CRCN-3.4"})
    from exercises.models import Exercise

    exercise = Exercise.objects.get(slug="doubler")
    assert exercise.competences == ["RNCP37674-CP7", "CRCN-3.4"]
    assert set(ActivityLink.objects.filter(exercise=exercise).values_list("competence__code", flat=True)) == {
        "RNCP37674-CP7",
        "CRCN-3.4",
    }
    assert (
        "RNCP37674-CP7, CRCN-3.4" in client.get(reverse("exercises:exercise_edit", args=[exercise.pk])).content.decode()
    )
    lesson = Lesson.objects.filter(module=module).first()
    client.post(
        reverse("courses:lesson_edit", args=[basics_course.slug, module.pk, lesson.pk]),
        {"title": lesson.title, "slug": lesson.slug, "body": "<p>x</p>", "competences": "CRCN-2.1"},
    )
    assert list(ActivityLink.objects.filter(lesson=lesson).values_list("competence__code", flat=True)) == ["CRCN-2.1"]


def test_package_competences_link_after_import(frameworks, tmp_path):
    from django.core.management import call_command

    call_command("import_course", "content/premiers-pas-courriel", verbosity=0)
    assert ActivityLink.objects.filter(competence__code="CRCN-2.1", lesson__isnull=False).exists()
    assert ActivityLink.objects.filter(competence__code="CRCN-2.1", exercise__isnull=False).exists()
