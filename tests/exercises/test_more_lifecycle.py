"""The submission lifecycle in exercises.services: stored first, one submission per form key, attempts,
penalties, hints, and the sweep that sends stale submissions again. Quizzes are graded in the web
process (no sandbox); the sweep's tests stop at the broker (apply_async), the true external boundary."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from exercises import selectors, services
from exercises.models import Submission
from exercises.tasks import grade_submission

RIGHT = {"q0": "0", "q1": "false", "q2": "franceconnect", "q3": "12", "q4": ["0", "1"], "q5": {"0": "0", "1": "1"}}
ONE_WRONG = {**RIGHT, "q0": "1"}  # 5 of 6
ALL_WRONG = {"q0": "1", "q1": "true", "q2": "non", "q3": "3", "q4": ["2"], "q5": {"0": "1", "1": "0"}}
KEY = "0123456789abcdef0123456789abcdef"


def submit(exercise, learner, answers=RIGHT, **extra):
    return services.submission_create(exercise=exercise, learner=learner, mode="submit", answers=answers, **extra)


# ---------------------------------------------------------------- stored, then graded


def test_a_quiz_submission_is_stored_with_its_answers_and_graded_in_the_request(quiz_exercise, resident):
    submission = submit(quiz_exercise, resident, ONE_WRONG)
    stored = Submission.objects.get(pk=submission.pk)
    assert stored.answers == ONE_WRONG and stored.files == {}
    assert stored.status == "failed" and stored.score == pytest.approx(0.8333) and stored.final_score == stored.score
    assert stored.claimed_by.startswith("web:") and stored.runs == 1 and stored.attempt == 1
    assert stored.finished_at is not None and stored.grader_version != "" and len(stored.result["tests"]) == 6


def test_feedback_is_written_in_the_learners_language(quiz_exercise, resident):
    english = submit(quiz_exercise, resident, RIGHT, language="en")
    assert english.result["message"] == "Well done, all your answers are correct!"
    french = submit(quiz_exercise, resident, RIGHT)  # no language given: the site's
    assert french.language == "fr" and english.language == "en"
    assert french.result["message"] == "Bravo, toutes vos réponses sont justes !"


def test_a_history_written_afterwards_keeps_the_time_it_was_sent(quiz_exercise, resident):
    at = datetime(2026, 3, 14, 10, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert Submission.objects.get(pk=submit(quiz_exercise, resident, at=at).pk).created_at == at


def test_grading_an_already_graded_submission_does_nothing(quiz_exercise, resident):
    submission = submit(quiz_exercise, resident)
    assert services.submission_grade(submission_id=submission.pk, worker="other") is None
    submission.refresh_from_db()
    assert submission.runs == 1 and submission.claimed_by.startswith("web:")


def test_a_grader_crash_leaves_an_error_with_the_work_kept(quiz_exercise, resident):
    """A question the grader cannot read (here: a matching question without pairs) must not leave the
    row « running » forever: the learner reads that the correction failed and their answers stay."""
    quiz_exercise.config = {"questions": [{"type": "matching", "text": "Associez"}]}
    quiz_exercise.save()
    submission = submit(quiz_exercise, resident, {"q0": {"0": "0"}})
    submission.refresh_from_db()
    assert submission.status == "error" and submission.result["reason"] == "crash"
    assert "Une erreur interne a empêché la correction" in submission.result["message"]
    assert submission.answers == {"q0": {"0": "0"}}


# ---------------------------------------------------------------- one submission per form key


def test_the_same_form_key_twice_is_one_submission_and_one_attempt(quiz_exercise, resident):
    first = submit(quiz_exercise, resident, ONE_WRONG, key=KEY)
    second = submit(quiz_exercise, resident, RIGHT, key=KEY)
    assert second.pk == first.pk and Submission.objects.count() == 1
    assert second.answers == ONE_WRONG and selectors.attempts_used(quiz_exercise, resident) == 1


def test_a_form_sent_again_after_the_last_attempt_is_not_refused(quiz_exercise, resident):
    quiz_exercise.max_attempts = 1
    quiz_exercise.save()
    first = submit(quiz_exercise, resident, key=KEY)
    assert submit(quiz_exercise, resident, key=KEY).pk == first.pk


def test_the_same_key_from_another_learner_is_another_submission(quiz_exercise, resident, trainee):
    mine, theirs = submit(quiz_exercise, resident, key=KEY), submit(quiz_exercise, trainee, key=KEY)
    assert mine.pk != theirs.pk and theirs.learner == trainee and theirs.attempt == 1


# ---------------------------------------------------------------- attempts and penalties


def test_attempts_are_numbered_and_counted_down(quiz_exercise, resident):
    quiz_exercise.max_attempts = 3
    quiz_exercise.save()
    assert selectors.attempts_left(quiz_exercise, resident) == 3
    assert [submit(quiz_exercise, resident, ALL_WRONG).attempt for _ in range(2)] == [1, 2]
    assert selectors.attempts_used(quiz_exercise, resident) == 2
    assert selectors.attempts_left(quiz_exercise, resident) == 1


def test_unlimited_attempts_have_no_count_down(quiz_exercise, resident):
    submit(quiz_exercise, resident)
    assert quiz_exercise.max_attempts is None and selectors.attempts_left(quiz_exercise, resident) is None


def test_past_the_limit_the_submission_is_refused_in_french_and_nothing_is_stored(quiz_exercise, resident):
    quiz_exercise.max_attempts = 2
    quiz_exercise.save()
    submit(quiz_exercise, resident, ALL_WRONG)
    submit(quiz_exercise, resident, ALL_WRONG)
    with pytest.raises(services.SubmissionRefused) as refused:
        submit(quiz_exercise, resident, RIGHT)
    assert str(refused.value) == "Vous avez utilisé tous vos essais pour cet exercice (2)."
    assert Submission.objects.count() == 2 and selectors.attempts_left(quiz_exercise, resident) == 0


def test_another_learners_attempts_do_not_count(quiz_exercise, resident, trainee):
    quiz_exercise.max_attempts = 1
    quiz_exercise.save()
    submit(quiz_exercise, trainee)
    assert submit(quiz_exercise, resident).attempt == 1


def test_a_check_takes_no_attempt_and_has_no_penalised_score(quiz_exercise, resident):
    quiz_exercise.max_attempts, quiz_exercise.penalty = 1, 0.5
    quiz_exercise.save()
    check = services.submission_create(exercise=quiz_exercise, learner=resident, mode="check", answers=RIGHT)
    assert check.attempt == 0 and check.score == 1.0 and check.final_score is None
    assert selectors.attempts_left(quiz_exercise, resident) == 1
    assert submit(quiz_exercise, resident).attempt == 1


def test_each_extra_attempt_costs_the_penalty_the_raw_score_kept(quiz_exercise, resident):
    quiz_exercise.penalty = 0.25
    quiz_exercise.save()
    submit(quiz_exercise, resident, ALL_WRONG)
    submit(quiz_exercise, resident, ALL_WRONG)
    third = submit(quiz_exercise, resident, RIGHT)
    assert third.attempt == 3 and third.score == 1.0 and third.final_score == 0.5 and third.status == "passed"


@pytest.mark.parametrize(
    "score, attempt, penalty, expected",
    [
        (None, 3, 0.5, None),  # nothing graded: nothing to penalise
        (0.8, 1, 0.5, 0.8),  # the first attempt is free
        (0.8, 2, 0.1, 0.72),
        (1.0, 5, 0.3, 0.0),  # never below zero
        (2 / 3, 2, 0.1, 0.6),  # rounded to 4 digits
        (0.5, 0, 0.5, 0.5),  # a check (attempt 0) is not penalised
    ],
)
def test_penalised(score, attempt, penalty, expected):
    assert services.penalised(score, attempt=attempt, penalty=penalty) == expected


# ---------------------------------------------------------------- hints


@pytest.fixture
def hinted_quiz(quiz_exercise):
    quiz_exercise.hints = [{"text": "Regardez la fin."}, {"text": "Pensez à .gouv.fr", "after": 2}]
    quiz_exercise.save()
    return quiz_exercise


def test_no_hint_before_a_failure(hinted_quiz, resident):
    assert selectors.visible_hints(hinted_quiz, resident) == []


def test_hints_are_revealed_one_failure_at_a_time(hinted_quiz, resident):
    submit(hinted_quiz, resident, ALL_WRONG)
    assert selectors.visible_hints(hinted_quiz, resident) == ["Regardez la fin."]
    submit(hinted_quiz, resident, ONE_WRONG)
    assert selectors.visible_hints(hinted_quiz, resident) == ["Regardez la fin.", "Pensez à .gouv.fr"]


def test_passed_submissions_and_checks_reveal_no_hint(hinted_quiz, resident):
    submit(hinted_quiz, resident, RIGHT)
    services.submission_create(exercise=hinted_quiz, learner=resident, mode="check", answers=ALL_WRONG)
    assert selectors.visible_hints(hinted_quiz, resident) == []


def test_a_submission_that_could_not_be_graded_counts_as_a_failure_for_hints(hinted_quiz, resident):
    Submission.objects.create(exercise=hinted_quiz, learner=resident, attempt=1, status="error")
    assert selectors.visible_hints(hinted_quiz, resident) == ["Regardez la fin."]


def test_another_learners_failures_reveal_no_hint(hinted_quiz, resident, trainee):
    submit(hinted_quiz, trainee, ALL_WRONG)
    submit(hinted_quiz, trainee, ALL_WRONG)
    assert selectors.visible_hints(hinted_quiz, resident) == []


# ---------------------------------------------------------------- regrading a quiz


def test_regrading_a_quiz_after_its_answer_changed_rescores_in_the_request(quiz_exercise, resident, trainee):
    submit(quiz_exercise, resident, ONE_WRONG)
    submit(quiz_exercise, trainee, RIGHT)
    questions = quiz_exercise.config["questions"]
    questions[0]["choices"][0]["correct"], questions[0]["choices"][1]["correct"] = False, True
    quiz_exercise.save()
    assert services.exercise_regrade(exercise=quiz_exercise) == 2
    scores = dict(Submission.objects.values_list("learner__username", "status"))
    assert scores == {resident.username: "passed", trainee.username: "failed"}
    assert set(Submission.objects.values_list("runs", flat=True)) == {2}


def test_regrading_leaves_pending_submissions_to_their_worker(quiz_exercise, resident):
    Submission.objects.create(exercise=quiz_exercise, learner=resident, attempt=1, answers=RIGHT, status="running")
    assert services.exercise_regrade(exercise=quiz_exercise) == 0
    assert Submission.objects.get().status == "running"


# ---------------------------------------------------------------- the sweep (stale submissions)


@pytest.fixture
def broker(monkeypatch):
    """The broker: what was sent, in order. Tests set `broker.down` to refuse messages."""

    class Broker(list):
        down = False

    sent = Broker()

    def apply_async(args, **kwargs):
        if sent.down:
            raise ConnectionError("broker down")
        sent.append(args[0])

    monkeypatch.setattr(grade_submission, "apply_async", apply_async)
    return sent


def stale(exercise, learner, *, status, minutes, **extra):
    ago = timezone.now() - timedelta(minutes=minutes)
    return Submission.objects.create(
        exercise=exercise,
        learner=learner,
        attempt=1,
        files={"notes.py": "x = 1\n"},
        status=status,
        queued_at=ago,
        started_at=ago if status == "running" else None,
        **extra,
    )


def test_the_sweep_sends_again_what_waited_too_long_and_only_that(python_exercise, resident, broker):
    old = stale(python_exercise, resident, status="queued", minutes=5)
    stale(python_exercise, resident, status="queued", minutes=0)
    stale(python_exercise, resident, status="failed", minutes=60)
    assert services.submissions_requeue_stale() == 1
    assert broker == [old.pk]
    old.refresh_from_db()
    assert old.status == "queued" and timezone.now() - old.queued_at < timedelta(minutes=1)


def test_the_sweep_takes_back_what_a_dead_worker_left_running(python_exercise, resident, broker):
    dead = stale(python_exercise, resident, status="running", minutes=60, claimed_by="dead@host")
    # Started an hour ago too, but its claim was renewed 5 s ago: a long grading, alive.
    busy = stale(
        python_exercise,
        resident,
        status="running",
        minutes=60,
        claimed_by="alive@host",
        heartbeat_at=timezone.now() - timedelta(seconds=5),
    )
    assert services.submissions_requeue_stale() == 1 and broker == [dead.pk]
    dead.refresh_from_db()
    busy.refresh_from_db()
    assert (dead.status, dead.claimed_by) == ("queued", "")
    assert (busy.status, busy.claimed_by) == ("running", "alive@host")


def test_the_sweep_leaves_waiting_quizzes_alone(quiz_exercise, resident, broker):
    """Quizzes are graded in the request: a queued quiz row is never sent to a worker."""
    stale(quiz_exercise, resident, status="queued", minutes=60)
    assert services.submissions_requeue_stale() == 0 and broker == []


def test_the_sweep_uses_the_delays_it_is_given(python_exercise, resident, broker):
    queued = stale(python_exercise, resident, status="queued", minutes=2, sent_at=timezone.now() - timedelta(minutes=2))
    running = stale(python_exercise, resident, status="running", minutes=2)
    assert services.submissions_requeue_stale(queued_for=timedelta(minutes=10), running_for=timedelta(minutes=10)) == 0
    assert services.submissions_requeue_stale(queued_for=timedelta(minutes=1), running_for=timedelta(minutes=1)) == 2
    assert sorted(broker) == sorted([queued.pk, running.pk])


def test_the_sweep_counts_only_what_the_broker_accepted(python_exercise, resident, broker):
    submission = stale(python_exercise, resident, status="queued", minutes=5)
    broker.down = True
    assert services.submissions_requeue_stale() == 0
    assert Submission.objects.get(pk=submission.pk).status == "queued"  # kept for the next sweep
    broker.down = False
    Submission.objects.filter(pk=submission.pk).update(queued_at=timezone.now() - timedelta(minutes=5))
    assert services.submissions_requeue_stale() == 1 and broker == [submission.pk]


# ---------------------------------------------------------------- the course outline (OutlineProvider)


def outline_entry(exercise, learner):
    items = services.OutlineProvider().items(exercise.module.course, learner, include_drafts=False)
    return next(e for e in items[exercise.module_id] if e.pk == exercise.pk)


def test_the_outline_marks_an_exercise_done_once_a_submission_is_graded(quiz_exercise, resident):
    services.submission_create(exercise=quiz_exercise, learner=resident, mode="check", answers=RIGHT)
    Submission.objects.create(exercise=quiz_exercise, learner=resident, attempt=1, status="queued")
    assert outline_entry(quiz_exercise, resident).is_done is False
    assert services.OutlineProvider().counts(resident, [quiz_exercise.module.course_id]) == {
        quiz_exercise.module.course_id: (1, 0)
    }
    submit(quiz_exercise, resident, ALL_WRONG)
    entry = outline_entry(quiz_exercise, resident)
    assert entry.is_done is True and entry.done_label == "fait (0 %)"
    assert services.OutlineProvider().counts(resident, [quiz_exercise.module.course_id]) == {
        quiz_exercise.module.course_id: (1, 1)
    }


def test_the_outline_shows_the_best_score_after_penalty(quiz_exercise, resident):
    quiz_exercise.penalty = 0.5
    quiz_exercise.save()
    submit(quiz_exercise, resident, ONE_WRONG)  # 83 %
    submit(quiz_exercise, resident, RIGHT)  # 100 % - 50 %
    assert outline_entry(quiz_exercise, resident).done_label == "fait (83 %)"


def test_the_outline_shows_the_trainers_score_when_there_is_one(quiz_exercise, resident, trainer):
    submission = submit(quiz_exercise, resident, {**ALL_WRONG, "q1": "false"})  # 1 of 6
    services.submission_override(submission=submission, by=trainer, score=0.9, comment="Vu en séance.")
    assert outline_entry(quiz_exercise, resident).done_label == "fait (90 %)"


def test_a_regrading_replaces_the_automatic_score_and_keeps_the_trainers(quiz_exercise, resident, trainer):
    submission = submit(quiz_exercise, resident, ONE_WRONG)
    services.submission_override(submission=submission, by=trainer, score=0.2, comment="Trop d'aide.")
    quiz_exercise.config["questions"][0]["choices"][0]["correct"] = False
    quiz_exercise.config["questions"][0]["choices"][1]["correct"] = True
    quiz_exercise.save()
    services.submission_regrade(submission=submission)
    submission.refresh_from_db()
    assert submission.score == 1.0 and submission.override_score == 0.2 and submission.effective_score == 0.2


def test_what_never_reached_the_broker_is_sent_at_the_next_round(python_exercise, resident, broker):
    """The broker was down when these came: sent at the sweep's next round once 5 s old, not after a minute;
    what reached the broker waits its minute (a worker may just be busy)."""
    unsent = stale(python_exercise, resident, status="queued", minutes=0)
    sent = stale(python_exercise, resident, status="queued", minutes=0, sent_at=timezone.now())
    Submission.objects.filter(pk__in=[unsent.pk, sent.pk]).update(queued_at=timezone.now() - timedelta(seconds=10))
    assert services.submissions_requeue_stale() == 1 and broker == [unsent.pk]
    assert Submission.objects.get(pk=unsent.pk).sent_at is not None  # the broker took it this time


def test_a_submission_that_reached_the_broker_says_when(
    python_exercise, resident, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.submission_create(
            exercise=python_exercise, learner=resident, mode="submit", files={"notes.py": "x = 1\n"}
        )
    submission.refresh_from_db()
    assert broker == [submission.pk] and submission.sent_at is not None
