"""Trainers' decisions (validate, withdraw, observe) and what they change: states, history, the monthly
activity, blocks ready for the jury; and the qualification's policy (weights, validation required)."""

from datetime import UTC, date, datetime

import pytest

from courses.models import Lesson
from exercises.models import Submission
from progress import services
from progress.models import ActivityMonth, BlockReady, Competence, CompetenceProgress, Evidence, ProgressEvent, State
from tests.exercises.conftest import load_exercise

CP7 = "RNCP37674-CP7"
BC01 = ["RNCP37674-CP1", "RNCP37674-CP2", "RNCP37674-CP3", "RNCP37674-CP4"]


def competence(code):
    return Competence.objects.get(code=code)


def progress_of(user, code):
    return CompetenceProgress.objects.get(user=user, competence__code=code)


def graded(exercise, learner, score):
    submission = Submission.objects.create(
        exercise=exercise,
        learner=learner,
        mode="submit",
        status="passed" if score == 1 else "failed",
        score=score,
        final_score=score,
    )
    services.submission_graded(submission)
    return submission


@pytest.fixture
def linked(dwwm, web_course):
    """« Calculer une moyenne » (2 points) trains CP7."""
    exercise = load_exercise(web_course.modules.first(), "moyenne", competences=[CP7])
    services.sync_links(exercise=exercise)
    return exercise


def test_a_validation_keeps_its_date_author_and_comment(dwwm, trainee, trainer):
    at = datetime(2026, 3, 15, 10, 0, tzinfo=UTC)
    cp7 = competence(CP7)
    services.competence_validate(user=trainee, competence=cp7, by=trainer, comment="Projet fil rouge", at=at)
    progress = progress_of(trainee, CP7)
    assert (progress.state, progress.validated_at, progress.validated_by, progress.validation_comment) == (
        State.VALIDATED,
        at,
        trainer,
        "Projet fil rouge",
    )
    assert progress.acquired_at == at  # never acquired before: acquired the day it was validated


def test_a_validation_counts_once_in_the_month_it_was_given(dwwm, trainee, trainer):
    march = datetime(2026, 3, 15, 10, 0, tzinfo=UTC)
    services.competence_validate(user=trainee, competence=competence(CP7), by=trainer, at=march)
    services.competence_invalidate(user=trainee, competence=competence(CP7), by=trainer, reason="Trop tôt")
    april = datetime(2026, 4, 2, tzinfo=UTC)
    services.competence_validate(user=trainee, competence=competence(CP7), by=trainer, at=april)
    rows = list(ActivityMonth.objects.filter(user=trainee).values_list("month", "track_id", "acquired"))
    assert rows == [(date(2026, 3, 1), 0, 1)]


def test_withdrawing_a_validation_falls_back_to_the_evidence(dwwm, trainee, trainer, linked):
    graded(linked, trainee, 0.5)  # 1 point of 2: in progress
    services.competence_validate(user=trainee, competence=competence(CP7), by=trainer, comment="Vu en atelier")
    progress = services.competence_invalidate(
        user=trainee, competence=competence(CP7), by=trainer, reason="Exercice copié"
    )
    assert (progress.state, progress.score) == (State.IN_PROGRESS, 0.5)
    stored = progress_of(trainee, CP7)
    assert (stored.validated_at, stored.validated_by, stored.validation_comment) == (None, None, "")
    last = ProgressEvent.objects.filter(user=trainee).order_by("-pk").first()
    assert (last.from_state, last.to_state, last.reason) == (State.VALIDATED, State.IN_PROGRESS, "Exercice copié")


def test_an_observation_is_evidence_by_its_author_and_starts_the_competence(dwwm, trainee, trainer):
    evidence = services.observation_add(
        user=trainee, competence=competence(CP7), by=trainer, note="Explique sa requête SQL à l’oral"
    )
    assert (evidence.kind, evidence.author, evidence.title, evidence.file.name) == (
        Evidence.Kind.OBSERVATION,
        trainer,
        "Explique sa requête SQL à l’oral",
        "",
    )
    progress = progress_of(trainee, CP7)
    assert (progress.state, progress.evidence_count, progress.score) == (State.IN_PROGRESS, 1, 0.0)


def test_an_observation_never_acquires_a_competence_by_itself(dwwm, trainee, trainer, linked):
    for note in ("Bonne démarche", "Code lisible", "Tests écrits"):
        services.observation_add(user=trainee, competence=competence(CP7), by=trainer, note=note)
    assert progress_of(trainee, CP7).state == State.IN_PROGRESS


def test_an_observation_with_a_file_stores_the_file_beside_the_evidence(dwwm, trainee, trainer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("compte-rendu.txt", b"Soutenance du projet", content_type="text/plain")
    evidence = services.observation_add(user=trainee, competence=competence(CP7), by=trainer, note="CR", file=upload)
    stored = Evidence.objects.get(pk=evidence.pk)
    assert stored.file.name.startswith("evidence/") and stored.file.name.endswith(".txt")
    with stored.file.open("rb") as handle:
        assert handle.read() == b"Soutenance du projet"


def test_a_block_is_ready_for_the_jury_only_once_every_competence_is_validated(dwwm, trainee, trainer):
    bc01 = [competence(code) for code in BC01]
    for item in bc01[:-1]:
        services.competence_validate(user=trainee, competence=item, by=trainer)
    assert not BlockReady.objects.filter(user=trainee).exists()
    services.competence_validate(user=trainee, competence=bc01[-1], by=trainer)
    assert list(BlockReady.objects.filter(user=trainee).values_list("block__code", flat=True)) == ["RNCP37674BC01"]
    services.competence_invalidate(user=trainee, competence=bc01[0], by=trainer, reason="Erreur")
    assert not BlockReady.objects.filter(user=trainee).exists()


def test_acquired_competences_are_not_enough_when_the_policy_requires_a_validation(dwwm, trainee, web_course):
    exercise = load_exercise(web_course.modules.first(), "moyenne", competences=BC01)
    services.sync_links(exercise=exercise)
    graded(exercise, trainee, 1.0)
    assert set(CompetenceProgress.objects.filter(user=trainee).values_list("state", flat=True)) == {State.ACQUIRED}
    assert not BlockReady.objects.filter(user=trainee).exists()


def test_acquired_competences_make_the_block_ready_when_no_validation_is_required(dwwm, trainee, web_course):
    dwwm.requires_validation = False
    dwwm.save()
    exercise = load_exercise(web_course.modules.first(), "moyenne", competences=BC01)
    services.sync_links(exercise=exercise)
    graded(exercise, trainee, 1.0)
    assert BlockReady.objects.filter(user=trainee, block__code="RNCP37674BC01").exists()
    graded(exercise, trainee, 0.0)  # a worse attempt changes nothing: the best one counts
    assert BlockReady.objects.filter(user=trainee, block__code="RNCP37674BC01").exists()


def test_the_threshold_of_the_qualification_decides_acquisition(dwwm, trainee, linked):
    dwwm.threshold = 0.5
    dwwm.save()
    graded(linked, trainee, 0.5)
    assert progress_of(trainee, CP7).state == State.ACQUIRED


def test_a_lesson_earns_points_when_the_policy_gives_lessons_a_weight(dwwm, trainee, web_course, linked):
    dwwm.lesson_weight = 2.0  # the lesson weighs as much as the 2-point exercise
    dwwm.save()
    lesson = Lesson.objects.filter(module__course=web_course).order_by("pk").first()
    lesson.competences = [CP7]
    lesson.save()
    services.sync_links(lesson=lesson)
    services.lesson_completed(user=trainee, lesson=lesson, at=datetime(2026, 5, 4, tzinfo=UTC))
    progress = progress_of(trainee, CP7)
    assert (progress.earned, progress.possible, progress.score, progress.state) == (2.0, 4.0, 0.5, State.IN_PROGRESS)


def test_a_lesson_without_weight_is_evidence_but_earns_no_points(dwwm, trainee, web_course, linked):
    lesson = Lesson.objects.filter(module__course=web_course).order_by("pk").first()
    lesson.competences = [CP7]
    lesson.save()
    services.sync_links(lesson=lesson)
    services.lesson_completed(user=trainee, lesson=lesson, at=datetime(2026, 5, 4, tzinfo=UTC))
    progress = progress_of(trainee, CP7)
    assert (progress.earned, progress.possible, progress.evidence_count) == (0.0, 2.0, 1)
    evidence = Evidence.objects.get(user=trainee, kind=Evidence.Kind.LESSON)
    assert (evidence.title, evidence.created_at) == (lesson.title, datetime(2026, 5, 4, tzinfo=UTC))


def test_unpublishing_the_only_linked_exercise_leaves_nothing_to_earn(dwwm, trainee, linked):
    graded(linked, trainee, 1.0)
    linked.status = "draft"
    linked.save()
    progress = services.submission_graded(Submission.objects.filter(learner=trainee).first(), new=False)[0]
    assert (progress.possible, progress.score, progress.state) == (0.0, 0.0, State.IN_PROGRESS)
