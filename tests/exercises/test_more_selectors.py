"""exercises.selectors, one function at a time: the rows each one returns, the rows it leaves out, and
their order. Submissions are written directly (their grading is tested elsewhere)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from courses.models import Module, Status
from exercises import selectors
from exercises.models import Screenshot, Submission

from .conftest import load_exercise

PARIS = ZoneInfo("Europe/Paris")


def sub(exercise, learner, *, status="passed", score=1.0, final=None, mode="submit", minutes_ago=0, **extra):
    """A graded submission; `minutes_ago` orders them without relying on the clock's resolution."""
    return Submission.objects.create(
        exercise=exercise,
        learner=learner,
        mode=mode,
        attempt=0 if mode == "check" else 1,
        status=status,
        score=score,
        final_score=final if final is not None else (None if mode == "check" else score),
        created_at=extra.pop("at", None) or timezone.now() - timedelta(minutes=minutes_ago),
        **extra,
    )


@pytest.fixture
def second_exercise(module):
    return load_exercise(module, "livres-recents")


# ---------------------------------------------------------------- history and files


def test_history_is_the_learners_own_newest_first_and_limited(python_exercise, resident, trainee):
    old = sub(python_exercise, resident, minutes_ago=30)
    new = sub(python_exercise, resident, mode="check", minutes_ago=10)
    sub(python_exercise, trainee)
    assert [s.pk for s in selectors.learner_history(python_exercise, resident)] == [new.pk, old.pk]
    assert [s.pk for s in selectors.learner_history(python_exercise, resident, limit=1)] == [new.pk]


def test_history_says_which_submissions_have_screenshots(python_exercise, resident):
    shot = sub(python_exercise, resident, minutes_ago=5)
    plain = sub(python_exercise, resident)
    Screenshot.objects.create(submission=shot, width=360, image=b"\x89PNG")
    flags = {s.pk: s.has_screenshots for s in selectors.learner_history(python_exercise, resident)}
    assert flags == {shot.pk: True, plain.pk: False}


def test_the_editor_shows_the_last_files_sent_else_the_starter(python_exercise, resident, trainee):
    assert selectors.latest_files(python_exercise, resident) == python_exercise.starter
    sub(python_exercise, resident, files={"notes.py": "ancien"}, minutes_ago=20)
    sub(python_exercise, resident, files={"notes.py": "dernier"}, minutes_ago=10)
    sub(python_exercise, resident, files={})  # no files (a quiz-like row): skipped
    sub(python_exercise, trainee, files={"notes.py": "pas le mien"}, minutes_ago=1)
    assert selectors.latest_files(python_exercise, resident) == {"notes.py": "dernier"}


# ---------------------------------------------------------------- best submission


def test_no_best_submission_without_graded_work(python_exercise, resident):
    sub(python_exercise, resident, status="queued", score=None)
    sub(python_exercise, resident, mode="check", score=1.0)
    assert selectors.best_submission(exercise_id=python_exercise.pk, learner_id=resident.pk) is None


def test_the_best_submission_is_the_highest_score_after_penalty(python_exercise, resident):
    sub(python_exercise, resident, score=1.0, final=0.5, minutes_ago=3)
    better = sub(python_exercise, resident, score=0.75, final=0.75, minutes_ago=2)
    sub(python_exercise, resident, status="failed", score=0.25, minutes_ago=1)
    best = selectors.best_submission(exercise_id=python_exercise.pk, learner_id=resident.pk)
    assert (best.submission_id, best.score, best.title) == (better.pk, 0.75, "Calculer une moyenne")


def test_a_trainers_override_beats_the_automatic_score_even_lower(python_exercise, resident):
    sub(python_exercise, resident, score=0.9, minutes_ago=2)
    judged = sub(python_exercise, resident, score=0.6, override_score=0.95, minutes_ago=1)
    lowered = selectors.best_submission(exercise_id=python_exercise.pk, learner_id=resident.pk)
    assert (lowered.submission_id, lowered.score) == (judged.pk, 0.95)
    Submission.objects.filter(pk=judged.pk).update(override_score=0.0)
    best = selectors.best_submission(exercise_id=python_exercise.pk, learner_id=resident.pk)
    assert best.score == 0.9 and best.submission_id != judged.pk


def test_between_equal_scores_the_newest_submission_is_the_best(python_exercise, resident):
    sub(python_exercise, resident, score=1.0, minutes_ago=10)
    newer = sub(python_exercise, resident, score=1.0, minutes_ago=1)
    assert selectors.best_submission(exercise_id=python_exercise.pk, learner_id=resident.pk).submission_id == newer.pk


def test_an_error_without_a_score_is_a_best_submission_worth_zero(python_exercise, resident):
    error = sub(python_exercise, resident, status="error", score=None)
    best = selectors.best_submission(exercise_id=python_exercise.pk, learner_id=resident.pk)
    assert (best.submission_id, best.score) == (error.pk, 0.0)


def test_best_submissions_gives_one_row_per_learner_and_exercise(python_exercise, second_exercise, resident, trainee):
    a = sub(python_exercise, resident, score=0.5, minutes_ago=5)
    b = sub(python_exercise, resident, score=0.8, minutes_ago=4)
    c = sub(second_exercise, resident, score=0.2)
    d = sub(python_exercise, trainee, score=1.0)
    rows = list(selectors.best_submissions(exercise_ids=[python_exercise.pk, second_exercise.pk]))
    assert {(r.learner_id, r.exercise_id): r.submission_id for r in rows} == {
        (resident.pk, python_exercise.pk): b.pk,
        (resident.pk, second_exercise.pk): c.pk,
        (trainee.pk, python_exercise.pk): d.pk,
    }
    assert len(rows) == 3 and a.pk not in {r.submission_id for r in rows}
    only = list(selectors.best_submissions(exercise_ids=[python_exercise.pk], learner_ids=[trainee.pk]))
    assert [(r.learner_id, r.submission_id, r.score) for r in only] == [(trainee.pk, d.pk, 1.0)]


# ---------------------------------------------------------------- review helpers


def test_regrade_progress_counts_graded_over_all(python_exercise, resident):
    for status in ("passed", "failed", "queued", "running"):
        sub(python_exercise, resident, status=status)
    assert selectors.regrade_progress(python_exercise) == (2, 4)


def test_exercises_for_staff(python_exercise, web_course, trainer, other_trainer, coordinator, trainee):
    """A trainer sees the exercises of the courses they write and those their cohorts' learners did."""
    web_exercise = load_exercise(Module.objects.filter(course=web_course).first(), "majuscules")
    web_course.authors.clear()
    assert list(selectors.exercises_for_staff(trainer)) == [python_exercise]
    sub(web_exercise, trainee)
    sub(web_exercise, trainee)  # twice: still listed once
    assert sorted(e.pk for e in selectors.exercises_for_staff(trainer)) == sorted([python_exercise.pk, web_exercise.pk])
    assert list(selectors.exercises_for_staff(other_trainer)) == []
    assert {e.pk for e in selectors.exercises_for_staff(coordinator)} == {python_exercise.pk, web_exercise.pk}


def test_a_quiz_is_verified_without_a_check_but_code_needs_one(quiz_exercise, python_exercise):
    from exercises.models import content_hash

    python_exercise.verified_hash = ""
    assert selectors.exercise_is_verified(quiz_exercise) is True
    assert selectors.exercise_is_verified(python_exercise) is False

    python_exercise.verified_hash = content_hash(python_exercise.spec())
    assert selectors.exercise_is_verified(python_exercise) is True
    python_exercise.time_limit += 1  # what grading depends on changed: check again
    assert selectors.exercise_is_verified(python_exercise) is False


# ---------------------------------------------------------------- portfolio and activity


def test_the_portfolio_holds_the_newest_passed_submission_of_each_exercise(
    python_exercise, second_exercise, quiz_exercise, resident, trainee
):
    sub(python_exercise, resident, minutes_ago=30)
    newest_python = sub(python_exercise, resident, minutes_ago=20)
    sql = sub(second_exercise, resident, minutes_ago=10)
    sub(quiz_exercise, resident, status="failed", score=0.5)
    sub(quiz_exercise, resident, mode="check")
    sub(quiz_exercise, trainee)
    assert [s.pk for s in selectors.portfolio(resident)] == [sql.pk, newest_python.pk]
    assert [s.pk for s in selectors.portfolio(resident, limit=1)] == [sql.pk]


def test_last_submission_at_is_per_learner(python_exercise, resident, trainee, other_trainee):
    at = datetime(2026, 5, 4, 12, 0, tzinfo=PARIS)
    sub(python_exercise, resident, at=at - timedelta(days=3))
    sub(python_exercise, resident, mode="check", at=at)
    sub(python_exercise, trainee, at=at - timedelta(days=1))
    assert selectors.last_submission_at([resident.pk, trainee.pk, other_trainee.pk]) == {
        resident.pk: at,
        trainee.pk: at - timedelta(days=1),
    }


def test_repeated_failures(python_exercise, second_exercise, quiz_exercise, resident, trainee):
    """Three failed submissions (an error counts) and no pass; checks and other learners left out."""
    for status in ("failed", "failed", "error"):
        sub(python_exercise, resident, status=status, score=0)
    for status in ("failed", "failed", "failed", "passed"):
        sub(second_exercise, resident, status=status)
    for _ in range(2):
        sub(quiz_exercise, resident, status="failed", score=0)
    for _ in range(3):
        sub(quiz_exercise, resident, status="failed", score=0, mode="check")
    for _ in range(3):
        sub(python_exercise, trainee, status="failed", score=0)
    assert selectors.repeated_failures([resident.pk]) == {resident.pk: ["Calculer une moyenne"]}
    looser = selectors.repeated_failures([resident.pk, trainee.pk], at_least=2)
    assert sorted(looser[resident.pk]) == ["Calculer une moyenne", "Repérer une arnaque"]  # no order is promised
    assert looser[trainee.pk] == ["Calculer une moyenne"]


def test_monthly_activity_counts_graded_submissions_per_month_and_track(python_exercise, web_course, resident, trainee):
    web_exercise = load_exercise(Module.objects.filter(course=web_course).first(), "majuscules")
    basics, web = python_exercise.module.course.track_id, web_course.track_id
    march, april = datetime(2026, 3, 15, 12, tzinfo=PARIS), datetime(2026, 4, 15, 12, tzinfo=PARIS)
    sub(python_exercise, resident, at=march)
    sub(python_exercise, resident, status="failed", score=0, at=march + timedelta(days=1))
    sub(python_exercise, resident, at=april)
    sub(web_exercise, resident, status="failed", score=0, at=april)
    sub(python_exercise, resident, status="queued", score=None, at=april)  # not graded yet
    sub(python_exercise, resident, mode="check", at=april)  # does not count
    sub(python_exercise, trainee, at=march)
    rows = sorted(
        (learner, month.astimezone(PARIS).strftime("%Y-%m"), track, n, passed)
        for learner, month, track, n, passed in selectors.monthly_activity(learner_ids=[resident.pk])
    )
    assert rows == sorted(
        [
            (resident.pk, "2026-03", basics, 2, 1),
            (resident.pk, "2026-04", basics, 1, 1),
            (resident.pk, "2026-04", web, 1, 0),
        ]
    )
    since = {(r[0], r[2], r[3]) for r in selectors.monthly_activity(since=datetime(2026, 4, 1, tzinfo=PARIS))}
    assert since == {(resident.pk, basics, 1), (resident.pk, web, 1)}


# ---------------------------------------------------------------- scores toward an attestation


def test_counted_scores_list_published_exercises_in_course_order(python_exercise, quiz_exercise, module, resident):
    draft = load_exercise(module, "livres-recents")
    draft.status = Status.DRAFT
    draft.save()
    python_exercise.order, quiz_exercise.order = 2, 1
    python_exercise.save()
    quiz_exercise.save()
    sub(draft, resident)
    scores = selectors.counted_scores(course_id=module.course_id, learner_id=resident.pk)
    assert [(s.exercise_id, s.kind, s.score) for s in scores] == [
        (quiz_exercise.pk, "quiz", None),
        (python_exercise.pk, "python", None),
    ]


def test_counted_scores_take_the_best_after_penalty_and_the_trainers_first(
    python_exercise, quiz_exercise, module, resident, trainee
):
    sub(python_exercise, resident, score=1.0, final=0.5)
    sub(python_exercise, resident, status="failed", score=0.7, final=0.63)
    sub(quiz_exercise, resident, status="failed", score=0.2, override_score=0.9)
    sub(quiz_exercise, trainee, score=1.0)
    sub(python_exercise, resident, mode="check", score=1.0)
    scores = {
        s.exercise_id: s.score for s in selectors.counted_scores(course_id=module.course_id, learner_id=resident.pk)
    }
    assert scores == {python_exercise.pk: 0.63, quiz_exercise.pk: 0.9}


def test_work_waiting_for_a_trainer_counts_only_once_graded_or_overridden(python_exercise, module, resident):
    waiting = sub(python_exercise, resident, status="failed", score=0.75, needs_review=True)
    [score] = [s for s in selectors.counted_scores(course_id=module.course_id, learner_id=resident.pk)]
    assert score.score is None
    Submission.objects.filter(pk=waiting.pk).update(override_score=0.8)
    [score] = selectors.counted_scores(course_id=module.course_id, learner_id=resident.pk)
    assert score.score == 0.8


def test_course_exercise_kinds_are_those_of_published_exercises(python_exercise, quiz_exercise, module):
    draft = load_exercise(module, "livres-recents")
    draft.status = Status.DRAFT
    draft.save()
    assert selectors.course_exercise_kinds(course_id=module.course_id) == {"python", "quiz"}
    kinds = selectors.exercise_kinds()
    assert {"python", "quiz", "sql", "notebook"} <= set(kinds) and kinds["quiz"] != "quiz"  # a label, not the name
