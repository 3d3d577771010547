"""Activities ↔ competences (`sync_links`, `unknown_codes`, `resync_links`) and who follows which qualification."""

import pytest

from accounts.models import Cohort
from courses.models import Lesson
from progress import services
from progress.models import ActivityLink
from tests.exercises.conftest import load_exercise


def codes_of(**activity):
    return set(ActivityLink.objects.filter(**activity).values_list("competence__code", flat=True))


@pytest.fixture
def module(web_course):
    return web_course.modules.first()


def test_unknown_codes_are_ignored_when_linking(frameworks, module):
    exercise = load_exercise(module, "moyenne", competences=["RNCP37674-CP7", "RNCP99999-CP1", 42])
    services.sync_links(exercise=exercise)
    assert codes_of(exercise=exercise) == {"RNCP37674-CP7"}


def test_an_exercise_link_carries_the_exercises_points(frameworks, module):
    exercise = load_exercise(module, "moyenne", competences=["RNCP37674-CP7"], points=3)
    services.sync_links(exercise=exercise)
    assert ActivityLink.objects.get(exercise=exercise).points == 3.0
    exercise.points = 5
    exercise.save()
    services.sync_links(exercise=exercise)  # re-linking updates the points, no second row
    assert list(ActivityLink.objects.filter(exercise=exercise).values_list("points", flat=True)) == [5.0]


def test_removing_a_code_removes_its_link_and_keeps_the_others(frameworks, module):
    exercise = load_exercise(module, "moyenne", competences=["RNCP37674-CP7", "CRCN-3.4"])
    services.sync_links(exercise=exercise)
    exercise.competences = ["CRCN-3.4", "CRCN-1.1"]
    exercise.save()
    services.sync_links(exercise=exercise)
    assert codes_of(exercise=exercise) == {"CRCN-3.4", "CRCN-1.1"}
    exercise.competences = []
    exercise.save()
    services.sync_links(exercise=exercise)
    assert not ActivityLink.objects.filter(exercise=exercise).exists()


def test_a_lesson_link_is_worth_one_point(frameworks, module):
    lesson = Lesson.objects.filter(module=module).order_by("order").first()
    lesson.competences = ["CRCN-2.1"]
    lesson.save()
    services.sync_links(lesson=lesson)
    link = ActivityLink.objects.get(lesson=lesson)
    assert (link.competence.code, link.points, link.exercise_id) == ("CRCN-2.1", 1.0, None)


def test_unknown_codes_are_reported_in_the_order_they_were_given(frameworks):
    assert services.unknown_codes(["ZZZ-9", "RNCP37674-CP1", "AAA-1", "CRCN-5.2"]) == ["ZZZ-9", "AAA-1"]
    assert services.unknown_codes([]) == []


def test_a_framework_loaded_after_the_activities_links_them(db, module):
    from progress.frameworks import default_files, load_framework

    exercise = load_exercise(module, "moyenne", competences=["RNCP37674-CP7"])
    lesson = Lesson.objects.filter(module=module).order_by("order").first()
    lesson.competences = ["RNCP37674-CP2"]
    lesson.save()
    services.sync_links(exercise=exercise)
    assert not ActivityLink.objects.exists()  # no framework yet: nothing to link to
    path = next(p for p in default_files() if p.name == "rncp37674.toml")
    load_framework(path)
    services.resync_links()
    assert codes_of(exercise=exercise) == {"RNCP37674-CP7"} and codes_of(lesson=lesson) == {"RNCP37674-CP2"}


def test_a_cohort_follows_the_known_qualifications_only(frameworks, cohort):
    assert not services.cohort_follows_any(cohort)
    services.cohort_follow(cohort=cohort, codes=["CRCN", "INCONNU", "RNCP37674"])
    assert [q.code for q in services.cohort_qualifications(cohort)] == ["CRCN", "RNCP37674"]
    assert services.cohort_follows_any(cohort)


def test_a_learner_follows_the_qualifications_of_their_cohorts_and_their_own(frameworks, cohort, trainee, school):
    second = Cohort.objects.create(name="Promo soir", site=school)
    second.learners.add(trainee)
    services.cohort_follow(cohort=cohort, codes=["RNCP37674", "CRCN"])
    services.cohort_follow(cohort=second, codes=["RNCP37674"])
    frameworks["CLEA-NUM"].learners.add(trainee)
    frameworks["CRCN"].learners.add(trainee)  # individually too: listed once
    assert [q.code for q in services.qualifications_for(trainee)] == ["CLEA-NUM", "CRCN", "RNCP37674"]
