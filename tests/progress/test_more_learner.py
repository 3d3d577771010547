"""The learner's side: the overview block by block, « À faire ensuite », the history of state changes."""

from datetime import UTC, datetime

import pytest

from courses.models import Enrolment, Lesson
from exercises.models import Submission
from progress import services
from progress.models import Competence, ProgressEvent, State
from tests.conftest import make_course
from tests.exercises.conftest import load_exercise

CP4, CP7 = "RNCP37674-CP4", "RNCP37674-CP7"


@pytest.fixture
def learner(trainee, web_course):
    Enrolment.objects.create(user=trainee, course=web_course)
    return trainee


@pytest.fixture
def module(web_course):
    return web_course.modules.first()


def linked(module, name, codes, **overrides):
    exercise = load_exercise(module, name, competences=codes, **overrides)
    services.sync_links(exercise=exercise)
    return exercise


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


def titles(activities):
    return [item["activity"].title for item in activities]


def test_the_overview_counts_per_block_and_per_qualification(dwwm, learner, trainer):
    for code in ("RNCP37674-CP1", "RNCP37674-CP2"):
        services.competence_validate(user=learner, competence=Competence.objects.get(code=code), by=trainer)
    [view] = services.learner_overview(learner)
    front, back = view.blocks
    assert (front.block.code, front.done, front.validated, front.percent, front.ready) == (
        "RNCP37674BC01",
        2,
        2,
        50,
        False,
    )
    assert (back.done, back.percent) == (0, 0)
    assert (view.total, view.done, view.percent) == (8, 2, 25)


def test_the_overview_lists_every_competence_even_without_progress(dwwm, learner):
    [view] = services.learner_overview(learner)
    shorts = [c.competence.short for b in view.blocks for c in b.competences]
    assert shorts == [f"CP{n}" for n in range(1, 9)]
    assert {c.progress.state for b in view.blocks for c in b.competences} == {State.NOT_STARTED}


def test_a_competences_percentage_is_its_share_of_points_rounded(dwwm, learner, module):
    first = linked(module, "moyenne", [CP7], points=7)
    linked(module, "majuscules", [CP7], points=1)
    graded(first, learner, 1.0)  # 7 of 8 points: 87.5 %
    [view] = services.learner_overview(learner)
    item = next(c for b in view.blocks for c in b.competences if c.competence.code == CP7)
    assert (item.percent, item.progress.state, len(item.evidence)) == (88, State.ACQUIRED, 1)


def test_a_learner_following_nothing_has_an_empty_overview_and_nothing_to_do(frameworks, learner, module):
    linked(module, "moyenne", [CP7])
    assert services.learner_overview(learner) == []
    assert services.next_activities(learner) == []


def test_next_activities_follow_the_order_of_the_competences(dwwm, learner, module):
    linked(module, "moyenne", [CP7])
    linked(module, "majuscules", [CP4])
    assert titles(services.next_activities(learner)) == ["Mettre en majuscules", "Calculer une moyenne"]


def test_an_exercise_done_perfectly_is_no_longer_suggested_but_a_partial_one_is(dwwm, learner, module):
    done = linked(module, "moyenne", [CP7])
    partial = linked(module, "majuscules", [CP4])
    graded(done, learner, 1.0)
    graded(partial, learner, 0.5)
    assert titles(services.next_activities(learner)) == ["Mettre en majuscules"]


def test_nothing_is_suggested_for_a_validated_competence(dwwm, learner, module, trainer):
    linked(module, "moyenne", [CP7])
    services.competence_validate(user=learner, competence=Competence.objects.get(code=CP7), by=trainer)
    assert services.next_activities(learner) == []


def test_an_activity_training_two_competences_is_suggested_once(dwwm, learner, module):
    linked(module, "livres-recents", [CP4, CP7])
    activities = services.next_activities(learner)
    assert titles(activities) == ["Les livres récents"]
    assert activities[0]["competence"].code == CP4  # the first competence it serves


def test_next_activities_stop_at_the_limit(dwwm, learner, module):
    for name in ("moyenne", "majuscules", "livres-recents"):
        linked(module, name, [CP7])
    assert len(services.next_activities(learner, limit=2)) == 2
    assert len(services.next_activities(learner)) == 3


def test_an_exercise_of_a_course_being_written_is_not_suggested(dwwm, learner, web_track, trainer):
    draft = make_course(web_track, "brouillon", status="draft", authors=[trainer])
    linked(draft.modules.first(), "moyenne", [CP7])
    assert services.next_activities(learner) == []


def test_a_linked_lesson_is_suggested_until_it_is_completed(dwwm, learner, module):
    lesson = Lesson.objects.filter(module=module).order_by("order").first()
    lesson.competences = [CP7]
    lesson.save()
    services.sync_links(lesson=lesson)
    [item] = services.next_activities(learner)
    assert (item["kind"], item["activity"], item["open"], item["url"]) == (
        "lesson",
        lesson,
        True,
        lesson.get_absolute_url(),
    )
    services.lesson_completed(user=learner, lesson=lesson, at=datetime(2026, 2, 3, tzinfo=UTC))
    assert services.next_activities(learner) == []


def test_the_history_lists_the_newest_change_first_and_stops_at_the_limit(dwwm, learner, trainer):
    competence = Competence.objects.get(code=CP7)
    services.competence_validate(user=learner, competence=competence, by=trainer, comment="un")
    services.competence_invalidate(user=learner, competence=competence, by=trainer, reason="deux")
    services.competence_validate(user=learner, competence=competence, by=trainer, comment="trois")
    assert [e.reason for e in services.learner_history(learner)] == ["trois", "deux", "un"]
    assert [e.reason for e in services.learner_history(learner, limit=2)] == ["trois", "deux"]


def test_the_history_is_the_learners_own(dwwm, learner, other_trainee, trainer):
    competence = Competence.objects.get(code=CP7)
    services.competence_validate(user=other_trainee, competence=competence, by=trainer, comment="pas à moi")
    assert services.learner_history(learner) == []
    assert ProgressEvent.objects.filter(user=other_trainee).count() == 1
