"""The cohort matrix (who is at risk, sorting, what a mediator sees) and recompute agreeing with the
incremental updates on a varied history."""

from datetime import UTC, datetime, timedelta

import pytest

from accounts.models import Cohort, Role
from courses import services as courses_services
from courses.models import Lesson
from exercises import services as exercises_services
from exercises.models import Submission
from progress import services
from progress.models import ActivityMonth, BlockReady, Competence, CompetenceProgress, Evidence, State
from tests.conftest import make_user
from tests.exercises.conftest import load_exercise

CP7 = "RNCP37674-CP7"
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
def exercise(dwwm, web_course):
    exercise = load_exercise(web_course.modules.first(), "moyenne", competences=[CP7])
    services.sync_links(exercise=exercise)
    return exercise


def submit(exercise, learner, score, at):
    submission = Submission.objects.create(
        exercise=exercise,
        learner=learner,
        mode="submit",
        status="passed" if score == 1 else "failed",
        score=score,
        final_score=score,
        created_at=at,
    )
    services.submission_graded(submission)
    return submission


def row_of(matrix, learner):
    return next(row for row in matrix["rows"] if row.learner == learner)


def test_six_days_without_activity_is_not_yet_a_risk_seven_is(dwwm, cohort, trainee, other_trainee, exercise):
    cohort.learners.add(other_trainee)
    submit(exercise, trainee, 1.0, NOW - timedelta(days=6, hours=23))
    submit(exercise, other_trainee, 1.0, NOW - timedelta(days=7))
    matrix = services.cohort_matrix(cohort, dwwm, now=NOW)
    assert row_of(matrix, trainee).risks == []
    assert row_of(matrix, other_trainee).risks == ["aucune activité depuis 7 jours"]


def test_two_failures_are_not_yet_repeated_failures(dwwm, cohort, trainee, exercise):
    for _ in range(2):
        submit(exercise, trainee, 0.0, NOW - timedelta(hours=1))
    assert row_of(services.cohort_matrix(cohort, dwwm, now=NOW), trainee).risks == []
    submit(exercise, trainee, 0.0, NOW - timedelta(hours=1))
    assert row_of(services.cohort_matrix(cohort, dwwm, now=NOW), trainee).risks == [
        "échecs répétés : Calculer une moyenne"
    ]


def test_a_pass_after_failures_removes_the_risk(dwwm, cohort, trainee, exercise):
    for _ in range(3):
        submit(exercise, trainee, 0.0, NOW - timedelta(hours=2))
    submit(exercise, trainee, 1.0, NOW - timedelta(hours=1))
    assert row_of(services.cohort_matrix(cohort, dwwm, now=NOW), trainee).risks == []


def test_the_matrix_cells_follow_the_competence_order(dwwm, cohort, trainee, trainer, exercise):
    submit(exercise, trainee, 0.5, NOW)
    services.competence_validate(user=trainee, competence=Competence.objects.get(code="RNCP37674-CP2"), by=trainer)
    matrix = services.cohort_matrix(cohort, dwwm, now=NOW)
    assert [c.short for c in matrix["competences"]] == [f"CP{n}" for n in range(1, 9)]
    row = row_of(matrix, trainee)
    assert [(cell.symbol, cell.label) for cell in row.cells][:2] == [("○", "Non commencée"), ("✔", "Validée")]
    assert (row.cells[6].state, row.cells[6].label) == (State.IN_PROGRESS, "En cours")
    assert (row.acquired, row.percent) == (1, 12)


def test_sorting_by_risk_puts_the_most_worrying_first(dwwm, cohort, trainee, exercise):
    quiet = make_user("quiet", Role.TRAINEE, last_name="Aubert")
    struggling = make_user("struggling", Role.TRAINEE, last_name="Zola")
    cohort.learners.add(quiet, struggling)
    submit(exercise, trainee, 1.0, NOW)
    for _ in range(3):
        submit(exercise, struggling, 0.0, NOW - timedelta(days=10))  # inactive and failing: two risks
    rows = services.cohort_matrix(cohort, dwwm, sort="risk", now=NOW)["rows"]
    assert [row.learner.username for row in rows] == ["struggling", "quiet", "yanis"]
    assert [len(row.risks) for row in rows] == [2, 1, 0]


def test_a_mediator_sees_only_the_residents_who_agreed_to_share(dwwm, mediator, mediation_site):
    group = Cohort.objects.create(name="Atelier du mardi", site=mediation_site)
    group.trainers.add(mediator)
    sharing = make_user("partage", Role.RESIDENT, mediation_site, shares_progress=True)
    private = make_user("prive", Role.RESIDENT, mediation_site)
    group.learners.add(sharing, private)
    rows = services.cohort_matrix(group, dwwm, viewer=mediator, now=NOW)["rows"]
    assert [row.learner for row in rows] == [sharing]
    assert len(services.cohort_matrix(group, dwwm, now=NOW)["rows"]) == 2  # without a viewer: everyone


def test_recompute_of_one_learner_leaves_the_others_untouched(dwwm, cohort, trainee, other_trainee, exercise):
    submit(exercise, trainee, 1.0, NOW)
    submit(exercise, other_trainee, 1.0, NOW)
    Evidence.objects.all().delete()
    CompetenceProgress.objects.update(state=State.NOT_STARTED, score=0, earned=0, evidence_count=0)
    services.recompute(user_ids=[trainee.pk])
    states = dict(CompetenceProgress.objects.values_list("user__username", "state"))
    assert states == {"yanis": State.ACQUIRED, "lina": State.NOT_STARTED}


def test_recompute_agrees_with_a_varied_incremental_history(
    dwwm, frameworks, cohort, trainee, other_trainee, trainer, web_course
):
    """Lessons, exercises in two qualifications, a trainer's override, an
    exercise unpublished after being graded, a validation withdrawn, an observation: rebuilding from the
    stored facts gives back the same evidence, states, blocks ready and monthly activity."""
    frameworks["CRCN"].cohorts.add(cohort)
    cohort.learners.add(other_trainee)
    module = web_course.modules.first()
    lessons = list(Lesson.objects.filter(module__course=web_course).order_by("module__order", "order"))
    for lesson, codes in zip(lessons, (["RNCP37674-CP1"], ["RNCP37674-CP1", "CRCN-3.4"], [CP7]), strict=False):
        lesson.competences = codes
        lesson.save()
        services.sync_links(lesson=lesson)
    moyenne = load_exercise(module, "moyenne", competences=[CP7, "CRCN-3.4"], points=3)
    majuscules = load_exercise(module, "majuscules", competences=[CP7, "RNCP37674-CP6"])
    livres = load_exercise(module, "livres-recents", competences=["RNCP37674-CP5"])
    for item in (moyenne, majuscules, livres):
        services.sync_links(exercise=item)
    for lesson in lessons[:2]:
        courses_services.lesson_complete(user=trainee, lesson=lesson)
    courses_services.lesson_complete(user=other_trainee, lesson=lessons[1])
    first = submit(moyenne, trainee, 1.0, NOW - timedelta(days=40))
    submit(moyenne, trainee, 0.2, NOW - timedelta(days=3))
    submit(majuscules, trainee, 0.5, NOW - timedelta(days=2))
    submit(livres, trainee, 1.0, NOW - timedelta(days=1))
    submit(majuscules, other_trainee, 1.0, NOW - timedelta(days=1))
    submit(moyenne, other_trainee, 0.0, NOW - timedelta(days=1))
    exercises_services.submission_override(submission=first, by=trainer, score=0.9, comment="presque")
    livres.status = "draft"
    livres.save()
    services.competence_validate(user=trainee, competence=Competence.objects.get(code="RNCP37674-CP2"), by=trainer)
    cp6 = Competence.objects.get(code="RNCP37674-CP6")
    services.competence_validate(user=other_trainee, competence=cp6, by=trainer)
    services.competence_invalidate(user=other_trainee, competence=cp6, by=trainer, reason="à revoir")
    services.observation_add(user=trainee, competence=Competence.objects.get(code="CRCN-1.1"), by=trainer, note="ok")
    # The stored states must reflect the unpublished exercise before comparing: a regrade refreshes them.
    services.submission_graded(Submission.objects.filter(exercise=livres).get(), new=False)

    def snapshot():
        return (
            sorted(
                CompetenceProgress.objects.values_list(
                    "user_id", "competence__code", "state", "score", "earned", "possible", "evidence_count"
                )
            ),
            sorted(
                Evidence.objects.values_list("user_id", "competence__code", "kind", "exercise_id", "lesson_id", "score")
            ),
            sorted(BlockReady.objects.values_list("user_id", "block__code")),
            sorted(
                ActivityMonth.objects.values_list(
                    "user_id", "month", "track_id", "submissions", "passed", "lessons", "minutes", "acquired"
                )
            ),
        )

    before = snapshot()
    assert len(before[1]) >= 8 and any(row[2] == State.ACQUIRED for row in before[0])
    Evidence.objects.exclude(kind=Evidence.Kind.OBSERVATION).delete()
    BlockReady.objects.all().delete()
    ActivityMonth.objects.all().delete()
    CompetenceProgress.objects.update(score=0, earned=0, possible=0, evidence_count=0)
    services.recompute()
    assert snapshot() == before


def test_an_uncompleted_lesson_leaves_the_monthly_activity_as_recompute_rebuilds_it(dwwm, trainee, web_course):
    lesson = Lesson.objects.filter(module__course=web_course).order_by("module__order", "order").first()
    courses_services.lesson_complete(user=trainee, lesson=lesson)
    courses_services.lesson_uncomplete(user=trainee, lesson=lesson)
    incremental = sorted(ActivityMonth.objects.filter(user=trainee).values_list("month", "lessons", "minutes"))
    services.rebuild_activity()
    assert sorted(ActivityMonth.objects.filter(user=trainee).values_list("month", "lessons", "minutes")) == incremental
