"""courses.selectors: each read returns the right rows, leaves out drafts and other people's, in a stable order."""

from datetime import UTC, datetime, timedelta

import pytest

from courses import selectors
from courses.models import CourseImport, Enrolment, Lesson, LessonCompletion, Status, Track
from tests.conftest import make_course


def lessons_of(course):
    return list(Lesson.objects.filter(module__course=course).order_by("module__order", "order"))


def complete(user, lesson, at):
    return LessonCompletion.objects.create(user=user, lesson=lesson, completed_at=at)


JAN = datetime(2026, 1, 15, 12, tzinfo=UTC)
FEB = datetime(2026, 2, 15, 12, tzinfo=UTC)


@pytest.fixture
def draft_course(basics_track, trainer):
    return make_course(basics_track, "brouillon", status=Status.DRAFT, authors=[trainer])


def test_the_catalogue_shows_published_courses_by_title_with_their_published_lessons(
    basics_track, web_track, trainer, draft_course
):
    make_course(basics_track, "zebre", modules=1, lessons=2)
    abeille = make_course(basics_track, "abeille", modules=2, lessons=2)
    Lesson.objects.filter(module__course=abeille).filter(slug="lecon-2").update(status=Status.DRAFT)
    tracks = {track.slug: track for track in selectors.catalogue()}
    basics = tracks[basics_track.slug]
    assert [(c.slug, c.lesson_count) for c in basics.published_courses] == [("abeille", 2), ("zebre", 2)]
    assert web_track.slug not in tracks  # a track without a published course is left out (the draft is nowhere)


def test_completions_are_filtered_by_lesson_and_by_learner(resident, trainee, basics_course):
    lessons = lessons_of(basics_course)
    complete(resident, lessons[0], JAN)
    complete(trainee, lessons[0], FEB)
    complete(resident, lessons[1], FEB)
    rows = selectors.completions(lesson_ids=[lessons[0].pk])
    assert sorted((c.user_id, c.lesson_id, c.title, c.at) for c in rows) == sorted(
        [(resident.pk, lessons[0].pk, "Leçon 1.1", JAN), (trainee.pk, lessons[0].pk, "Leçon 1.1", FEB)]
    )
    mine = selectors.completions(lesson_ids=[lessons[0].pk, lessons[1].pk], user_ids=[resident.pk])
    assert sorted(c.lesson_id for c in mine) == sorted([lessons[0].pk, lessons[1].pk])


def test_a_trainer_authors_only_their_courses_a_coordinator_all_of_them(
    trainer, other_trainer, coordinator, basics_track, basics_course, draft_course
):
    theirs = make_course(basics_track, "autre", authors=[other_trainer])
    assert [c.slug for c in selectors.authored_courses(trainer)] == ["brouillon", "courriel"]
    assert [c.slug for c in selectors.authored_courses(other_trainer)] == [theirs.slug]
    assert [c.slug for c in selectors.authored_courses(coordinator)] == ["autre", "brouillon", "courriel"]


def test_cohort_courses_are_the_cohorts_own_by_title(cohort, other_cohort, web_track, web_course):
    make_course(web_track, "javascript").cohorts.add(cohort)
    make_course(web_track, "python").cohorts.add(other_cohort)
    assert [c.slug for c in selectors.cohort_courses(cohort)] == ["html-css", "javascript"]
    assert [c.slug for c in selectors.cohort_courses(other_cohort)] == ["python"]


def test_courses_offered_to_a_cohort_are_published_ones_and_its_own_drafts(cohort, other_cohort, web_track):
    published = make_course(web_track, "publie")
    given = make_course(web_track, "donne", status=Status.DRAFT)
    given.cohorts.add(cohort)
    make_course(web_track, "cache", status=Status.DRAFT).cohorts.add(other_cohort)
    published.cohorts.add(cohort, other_cohort)  # a join on two cohorts must not list it twice
    assert [c.slug for c in selectors.courses_for_cohort_enrolment(cohort)] == ["donne", "publie"]
    assert [c.slug for c in selectors.courses_for_cohort_enrolment(other_cohort)] == ["cache", "publie"]


def test_lessons_with_competences_leave_out_lessons_without(basics_course):
    lessons = lessons_of(basics_course)
    Lesson.objects.filter(pk=lessons[2].pk).update(competences=["CRCN-1.1"])
    Lesson.objects.filter(pk=lessons[4].pk).update(competences=["CRCN-2.1", "CRCN-2.2"])
    found = {lesson.pk: lesson.competences for lesson in selectors.lessons_with_competences()}
    assert found == {lessons[2].pk: ["CRCN-1.1"], lessons[4].pk: ["CRCN-2.1", "CRCN-2.2"]}


def test_last_completion_is_the_latest_per_learner_asked(resident, trainee, other_trainee, basics_course):
    lessons = lessons_of(basics_course)
    complete(resident, lessons[0], JAN)
    complete(resident, lessons[1], FEB)
    complete(trainee, lessons[0], JAN)
    complete(other_trainee, lessons[0], FEB)
    assert selectors.last_completion_at([resident.pk, trainee.pk]) == {resident.pk: FEB, trainee.pk: JAN}
    assert selectors.last_completion_at([]) == {}


def test_the_course_of_a_lesson_comes_with_its_track(basics_course, web_course):
    lesson = lessons_of(web_course)[3]
    course = selectors.course_of(lesson_id=lesson.pk)
    assert course == web_course and course.track.slug == "ecole-du-web"
    assert selectors.course_of(lesson_id=lesson.pk + 10_000) is None
    assert selectors.course_of() is None


def test_monthly_completions_count_per_learner_month_and_track_with_ten_minutes_by_default(
    resident, trainee, basics_course, web_course
):
    basics = lessons_of(basics_course)
    Lesson.objects.filter(pk=basics[0].pk).update(duration_minutes=25)
    complete(resident, basics[0], JAN)
    complete(resident, basics[1], JAN + timedelta(days=3))
    complete(resident, basics[2], FEB)
    complete(trainee, lessons_of(web_course)[0], FEB)
    rows = selectors.monthly_completions()
    found = sorted((user, month.month, track, n, minutes) for user, month, track, n, minutes in rows)
    assert found == sorted(
        [
            (resident.pk, 1, basics_course.track_id, 2, 35),
            (resident.pk, 2, basics_course.track_id, 1, 10),
            (trainee.pk, 2, web_course.track_id, 1, 10),
        ]
    )


def test_monthly_completions_since_a_date_and_for_some_learners(resident, trainee, basics_course):
    lessons = lessons_of(basics_course)
    complete(resident, lessons[0], JAN)
    complete(resident, lessons[1], FEB)
    complete(trainee, lessons[1], FEB)
    rows = selectors.monthly_completions(since=FEB - timedelta(days=1), user_ids=[resident.pk])
    assert [(user, month.month, n) for user, month, _track, n, _minutes in rows] == [(resident.pk, 2, 1)]


def test_track_members_gather_self_enrolled_and_cohort_learners(
    resident, trainee, other_trainee, basics_course, web_course
):
    Enrolment.objects.create(user=resident, course=basics_course)
    Enrolment.objects.create(user=trainee, course=web_course)  # also in its cohort: counted once
    members = selectors.track_members()
    assert members == {basics_course.track_id: {resident.pk}, web_course.track_id: {trainee.pk}}
    assert selectors.track_members(track_ids={web_course.track_id}) == {web_course.track_id: {trainee.pk}}
    assert selectors.track_sizes() == {basics_course.track_id: 1, web_course.track_id: 1}
    assert other_trainee.pk not in set().union(*members.values())


def test_tracks_come_in_their_order_then_by_title(basics_track, web_track):
    Track.objects.create(slug="avant", title="Zzz en premier", order=0)
    Track.objects.create(slug="b-apres", title="Bureautique", order=1)
    slugs = [track.slug for track in selectors.tracks()]
    assert slugs == ["avant", "b-apres", "numerique-de-base", "ecole-du-web"]


def test_my_imports_are_mine_newest_first_and_limited(trainer, other_trainer):
    for n in range(4):
        CourseImport.objects.create(
            requested_by=trainer, filename=f"{n}.zip", created_at=JAN + timedelta(days=n), package=b"PK"
        )
    CourseImport.objects.create(requested_by=other_trainer, filename="autre.zip", created_at=FEB)
    assert [job.filename for job in selectors.course_imports_of(trainer, limit=3)] == ["3.zip", "2.zip", "1.zip"]
    assert [job.filename for job in selectors.course_imports_of(other_trainer)] == ["autre.zip"]
