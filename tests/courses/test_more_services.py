"""courses.services: access checks, enrolment, completions, authoring, the outline and resuming, imports."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from courses import services
from courses.models import Course, CourseImport, Enrolment, Lesson, LessonCompletion, LessonImage, Status
from courses.tasks import import_course_package
from tests.conftest import make_course


def lessons_of(course):
    return list(Lesson.objects.filter(module__course=course).order_by("module__order", "order"))


@pytest.fixture
def draft_course(basics_track, trainer):
    return make_course(basics_track, "brouillon", status=Status.DRAFT, authors=[trainer])


@pytest.fixture
def recorder():
    """A lesson listener, as progress registers one; removed afterwards."""

    class Recorder:
        def __init__(self):
            self.calls = []

        def completed(self, user, lesson, at):
            self.calls.append(("completed", user.pk, lesson.pk))

        def uncompleted(self, user, lesson, at):
            self.calls.append(("uncompleted", user.pk, lesson.pk))
            self.uncompleted_at = at

        def saved(self, lesson):
            self.calls.append(("saved", lesson.pk))

    listener = Recorder()
    services.register_lesson_listener(listener)
    yield listener
    services.LESSON_LISTENERS.remove(listener)


# ---------------------------------------------------------------- access


def test_a_coordinator_may_edit_a_course_without_being_its_author(coordinator, basics_course):
    assert services.can_edit_course(coordinator, basics_course) is True


def test_a_trainer_who_is_not_an_author_may_not_edit(other_trainer, basics_course):
    assert services.can_edit_course(other_trainer, basics_course) is False


def test_a_learner_listed_as_author_still_may_not_edit(resident, basics_course):
    basics_course.authors.add(resident)
    assert services.can_edit_course(resident, basics_course) is False


def test_anonymous_visitors_may_not_edit_nor_are_enrolled(basics_course):
    assert services.can_edit_course(AnonymousUser(), basics_course) is False
    assert services.is_enrolled(AnonymousUser(), basics_course) is False


def test_is_enrolled_through_self_enrolment_or_the_cohort_only(
    resident, trainee, other_trainee, basics_course, web_course
):
    Enrolment.objects.create(user=resident, course=basics_course)
    assert services.is_enrolled(resident, basics_course)
    assert services.is_enrolled(trainee, web_course)
    assert not services.is_enrolled(other_trainee, web_course)
    assert not services.is_enrolled(resident, web_course)


def test_enrolled_course_ids_keeps_only_the_courses_followed(
    resident, trainee, basics_course, web_course, draft_course
):
    Enrolment.objects.create(user=resident, course=basics_course)
    ids = [basics_course.pk, web_course.pk, draft_course.pk]
    assert services.enrolled_course_ids(resident, ids) == {basics_course.pk}
    assert services.enrolled_course_ids(trainee, ids) == {web_course.pk}
    assert services.enrolled_course_ids(trainee, []) == set()
    assert services.enrolled_course_ids(AnonymousUser(), ids) == set()


def test_a_draft_course_is_found_for_its_authors_and_404_for_others(trainer, resident, coordinator, draft_course):
    assert services.access_course(trainer, "brouillon") == draft_course
    assert services.access_course(coordinator, "brouillon") == draft_course
    with pytest.raises(Http404):
        services.access_course(resident, "brouillon")


def test_an_unknown_course_slug_is_404_to_read_and_to_edit(trainer):
    with pytest.raises(Http404):
        services.access_course(trainer, "inexistant")
    with pytest.raises(Http404):
        services.access_course_for_edit(trainer, "inexistant")


def test_editing_someone_elses_course_is_forbidden_not_hidden(other_trainer, basics_course):
    with pytest.raises(PermissionDenied):
        services.access_course_for_edit(other_trainer, basics_course.slug)


def test_a_lesson_of_another_course_is_404_even_for_its_author(trainer, basics_course, web_course):
    with pytest.raises(Http404):
        services.access_lesson(trainer, basics_course, lessons_of(web_course)[0].pk)


def test_a_draft_lesson_is_404_for_an_enrolled_learner_but_readable_by_authors(resident, trainer, basics_course):
    Enrolment.objects.create(user=resident, course=basics_course)
    lesson = lessons_of(basics_course)[0]
    services.set_status(item=lesson, published=False)
    with pytest.raises(Http404):
        services.access_lesson(resident, basics_course, lesson.pk)
    assert services.access_lesson(trainer, basics_course, lesson.pk) == lesson


def test_a_published_lesson_is_forbidden_to_a_learner_not_enrolled(resident, basics_course):
    with pytest.raises(PermissionDenied):
        services.access_lesson(resident, basics_course, lessons_of(basics_course)[0].pk)


# ---------------------------------------------------------------- enrolment and visits


def test_self_enrolment_twice_keeps_one_enrolment(resident, basics_course):
    first = services.enrolment_create(user=resident, course=basics_course)
    again = services.enrolment_create(user=resident, course=basics_course)
    assert first.pk == again.pk and Enrolment.objects.filter(user=resident).count() == 1


def test_no_enrolment_in_a_draft_course(resident, draft_course):
    with pytest.raises(Http404):
        services.enrolment_create(user=resident, course=draft_course)
    assert not Enrolment.objects.exists()


def test_a_cohort_member_may_enrol_in_a_cohort_course_but_an_outsider_may_not(trainee, other_trainee, web_course):
    assert services.enrolment_create(user=trainee, course=web_course).course == web_course
    with pytest.raises(PermissionDenied):
        services.enrolment_create(user=other_trainee, course=web_course)


def test_enrolling_and_unenrolling_a_cohort_gives_and_takes_the_course(other_cohort, other_trainee, web_course):
    services.course_enrol_cohort(course=web_course, cohort=other_cohort)
    assert services.is_enrolled(other_trainee, web_course)
    services.course_unenrol_cohort(course=web_course, cohort=other_cohort)
    assert not services.is_enrolled(other_trainee, web_course)


def test_a_visit_remembers_the_last_lesson_of_a_learner(trainee, web_course):
    lesson = lessons_of(web_course)[2]
    services.lesson_visit(user=trainee, lesson=lesson, course=web_course)
    enrolment = Enrolment.objects.get(user=trainee, course=web_course)
    assert enrolment.last_lesson == lesson and enrolment.last_seen_at is not None


def test_a_trainer_previewing_a_lesson_is_not_enrolled_by_the_visit(trainer, basics_course):
    services.lesson_visit(user=trainer, lesson=lessons_of(basics_course)[0], course=basics_course)
    assert not Enrolment.objects.filter(user=trainer).exists()


# ---------------------------------------------------------------- completions


def test_completing_twice_keeps_the_first_date_and_tells_listeners_once(resident, first_lesson, recorder):
    when = timezone.now() - timedelta(days=3)
    first = services.lesson_complete(user=resident, lesson=first_lesson, at=when)
    again = services.lesson_complete(user=resident, lesson=first_lesson)
    assert first.pk == again.pk and again.completed_at == when
    assert recorder.calls == [("completed", resident.pk, first_lesson.pk)]


def test_uncompleting_removes_the_completion_and_tells_listeners_when_it_was_done(resident, first_lesson, recorder):
    when = timezone.now() - timedelta(days=40)
    services.lesson_complete(user=resident, lesson=first_lesson, at=when)
    services.lesson_uncomplete(user=resident, lesson=first_lesson)
    assert not LessonCompletion.objects.filter(user=resident).exists()
    assert recorder.calls[-1] == ("uncompleted", resident.pk, first_lesson.pk)
    assert recorder.uncompleted_at == when  # the month the activity is taken back from


def test_uncompleting_a_lesson_never_completed_tells_nobody(resident, first_lesson, recorder):
    services.lesson_uncomplete(user=resident, lesson=first_lesson)
    assert recorder.calls == []


# ---------------------------------------------------------------- authoring


def test_a_created_course_is_a_draft_authored_by_its_creator(trainer, basics_track):
    course = services.course_create(author=trainer, slug="neuf", title="Neuf", track=basics_track, summary="S")
    assert course.status == Status.DRAFT and list(course.authors.all()) == [trainer]


def test_new_modules_go_last(basics_course):
    module = services.module_create(course=basics_course, slug="fin", title="Fin")
    assert module.order == 3
    assert [m.slug for m in basics_course.modules.all()] == ["module-1", "module-2", "fin"]


def test_a_new_lesson_goes_last_with_its_body_sanitised_and_listeners_told(basics_course, recorder):
    module = basics_course.modules.first()
    lesson = services.lesson_create(
        module=module, slug="neuve", title="Neuve", body='<p onclick="x()">Salut<script>alert(1)</script></p>'
    )
    assert lesson.order == 4 and lesson.status == Status.DRAFT
    assert lesson.body == "<p>Salut</p>" and lesson.source == ""
    assert recorder.calls == [("saved", lesson.pk)]


def test_saving_online_drops_the_markdown_source(first_lesson):
    first_lesson.source = "# Ancien"
    first_lesson.save()
    services.lesson_save(lesson=first_lesson, body="<p>Nouveau</p>")
    first_lesson.refresh_from_db()
    assert first_lesson.body == "<p>Nouveau</p>" and first_lesson.source == ""


def test_saving_a_notebook_lesson_keeps_its_rendered_body(first_lesson):
    first_lesson.notebook = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    first_lesson.body = "<p>Rendu du notebook</p>"
    first_lesson.save()
    services.lesson_save(lesson=first_lesson, body="<p>Remplacé ?</p>")
    first_lesson.refresh_from_db()
    assert first_lesson.body == "<p>Rendu du notebook</p>"


def test_a_saved_lesson_is_linked_to_exactly_the_images_its_body_shows(trainer, first_lesson):
    shown, dropped = (
        LessonImage.objects.create(image=SimpleUploadedFile(f"{n}.png", b"x"), uploaded_by=trainer) for n in "ab"
    )
    first_lesson.images.add(dropped)
    body = f'<p><img src="{shown.get_absolute_url()}" alt="carte"></p>'
    services.lesson_save(lesson=first_lesson, body=body)
    assert set(first_lesson.images.all()) == {shown}


def test_image_ids_are_read_from_the_lesson_image_urls_only():
    html = '<img src="/cours/fichiers/images/12/"><img src="/ailleurs/images/13/"><a href="/cours/fichiers/images/7/">'
    assert services.image_ids_in(html) == {12, 7}
    assert services.image_ids_in(None) == set()


def test_moving_the_last_module_down_changes_nothing(basics_course):
    first, second = basics_course.modules.all()
    services.module_move(module=second, direction="down")
    assert list(basics_course.modules.all()) == [first, second]


def test_moving_renumbers_orders_from_one(basics_course):
    module = basics_course.modules.first()
    Lesson.objects.filter(module=module).update(order=10)  # orders out of step, as after deletions
    lessons = list(module.lessons.all())
    services.activity_move(course=basics_course, user=AnonymousUser(), key=("lesson", lessons[0].pk), direction="down")
    assert list(module.lessons.values_list("pk", "order")) == [
        (lessons[1].pk, 1),
        (lessons[0].pk, 2),
        (lessons[2].pk, 3),
    ]


def test_moving_an_activity_not_in_the_course_is_404(trainer, basics_course, web_course):
    with pytest.raises(Http404):
        services.activity_move(
            course=basics_course, user=trainer, key=("lesson", lessons_of(web_course)[0].pk), direction="up"
        )


# ---------------------------------------------------------------- outline, learner courses, resume


def test_the_outline_hides_drafts_unless_asked(basics_course):
    draft = lessons_of(basics_course)[1]
    services.set_status(item=draft, published=False)
    public = services.course_outline(basics_course, AnonymousUser())
    assert draft.pk not in [lesson.pk for lesson in public.lessons] and public.total == 5
    authoring = services.course_outline(basics_course, AnonymousUser(), include_drafts=True)
    assert [lesson.pk for lesson in authoring.lessons] == [lesson.pk for lesson in lessons_of(basics_course)]


def test_the_outline_counts_only_this_learners_completions_in_this_course(resident, trainee, basics_course, web_course):
    lessons = lessons_of(basics_course)
    services.lesson_complete(user=resident, lesson=lessons[0])
    services.lesson_complete(user=resident, lesson=lessons[4])
    services.lesson_complete(user=trainee, lesson=lessons[1])
    services.lesson_complete(user=resident, lesson=lessons_of(web_course)[0])
    outline = services.course_outline(basics_course, resident)
    assert outline.completed_ids == {lessons[0].pk, lessons[4].pk}
    assert (outline.done, outline.total, outline.percent) == (2, 6, 33)
    assert [(m.done, m.total, m.percent) for m in outline.modules] == [(1, 3, 33), (1, 3, 33)]


def test_an_empty_module_shows_zero_percent(basics_course):
    services.module_create(course=basics_course, slug="vide", title="Vide")
    outline = services.course_outline(basics_course, AnonymousUser())
    assert (outline.modules[-1].total, outline.modules[-1].percent) == (0, 0)


def test_neighbours_cross_module_boundaries_and_stop_at_the_ends(basics_course):
    lessons = lessons_of(basics_course)
    outline = services.course_outline(basics_course, AnonymousUser())
    previous, following = outline.neighbours(("lesson", lessons[2].pk))
    assert (previous.pk, following.pk) == (lessons[1].pk, lessons[3].pk)
    assert outline.neighbours(("lesson", lessons[0].pk))[0] is None
    assert outline.neighbours(("lesson", lessons[-1].pk))[1] is None
    assert outline.neighbours(("lesson", 0)) == (None, None)


def test_learner_courses_list_published_courses_with_published_lessons_counted(
    resident, trainee, basics_track, basics_course, web_course, draft_course
):
    Enrolment.objects.create(user=resident, course=basics_course)
    Enrolment.objects.create(user=resident, course=draft_course)
    lessons = lessons_of(basics_course)
    services.lesson_complete(user=resident, lesson=lessons[0])
    services.lesson_complete(user=resident, lesson=lessons[1])
    services.set_status(item=lessons[1], published=False)  # done, then unpublished: counted nowhere
    [course] = services.learner_courses(resident)
    assert course.pk == basics_course.pk
    assert (course.item_count, course.done_count, course.percent) == (5, 1, 20)


def test_a_course_followed_twice_is_listed_once(trainee, web_course):
    Enrolment.objects.create(user=trainee, course=web_course)
    assert [c.pk for c in services.learner_courses(trainee)] == [web_course.pk]


def test_resume_starts_at_the_first_lesson_not_done_without_a_visit(resident, basics_course):
    lessons = lessons_of(basics_course)
    services.lesson_complete(user=resident, lesson=lessons[0])
    assert services.resume_lesson(resident, basics_course).pk == lessons[1].pk


def test_resume_goes_back_to_an_earlier_lesson_not_done_after_the_last_one(resident, basics_course):
    lessons = lessons_of(basics_course)
    for lesson in lessons[3:]:
        services.lesson_complete(user=resident, lesson=lesson)
    services.lesson_visit(user=resident, lesson=lessons[5], course=basics_course)
    assert services.resume_lesson(resident, basics_course).pk == lessons[0].pk


def test_resume_shows_the_first_lesson_once_everything_is_done(resident, basics_course):
    lessons = lessons_of(basics_course)
    for lesson in lessons:
        services.lesson_complete(user=resident, lesson=lesson)
    assert services.resume_lesson(resident, basics_course).pk == lessons[0].pk


def test_resume_ignores_a_last_lesson_since_unpublished(resident, basics_course):
    lessons = lessons_of(basics_course)
    services.lesson_visit(user=resident, lesson=lessons[3], course=basics_course)
    services.set_status(item=lessons[3], published=False)
    assert services.resume_lesson(resident, basics_course).pk == lessons[0].pk


def test_resume_in_a_course_without_lessons_is_none(resident, basics_track, trainer):
    course = make_course(basics_track, "sans-lecons", modules=1, lessons=0, authors=[trainer])
    assert services.resume_lesson(resident, course) is None


# ---------------------------------------------------------------- lesson images


def test_a_lesson_image_is_served_to_its_uploader_and_readers_of_a_lesson_showing_it(
    trainer, other_trainer, resident, trainee, basics_course, first_lesson
):
    image = LessonImage.objects.create(image=SimpleUploadedFile("a.png", b"x"), uploaded_by=other_trainer)
    assert services.access_lesson_image(other_trainer, image.pk) == image
    with pytest.raises(Http404):
        services.access_lesson_image(resident, image.pk)
    image.lessons.add(first_lesson)
    Enrolment.objects.create(user=resident, course=basics_course)
    assert services.access_lesson_image(resident, image.pk) == image
    assert services.access_lesson_image(trainer, image.pk) == image  # an author of the course
    with pytest.raises(Http404):
        services.access_lesson_image(trainee, image.pk)
    with pytest.raises(Http404):
        services.access_lesson_image(resident, image.pk + 1000)


# ---------------------------------------------------------------- imports


def test_an_import_keeps_the_file_its_sender_and_the_language(trainer):
    upload = SimpleUploadedFile("mon-cours.zip", b"PK-data", content_type="application/zip")
    upload.read()  # already read by the form's checks: stored from the start anyway
    job = services.course_import_create(by=trainer, upload=upload)
    job.refresh_from_db()
    assert (job.filename, bytes(job.package), job.language) == ("mon-cours.zip", b"PK-data", "fr")
    assert (job.requested_by, job.status, job.is_pending) == (trainer, "queued", True)


def test_an_import_not_waiting_is_not_run_again(trainer):
    job = CourseImport.objects.create(requested_by=trainer, filename="a.zip", package=b"PK", status="done")
    assert services.course_import_run(job_id=job.pk, worker="w1") is None
    job.refresh_from_db()
    assert job.runs == 0 and bytes(job.package) == b"PK"


def test_a_file_that_is_not_a_zip_fails_the_import_with_a_french_message(trainer):
    job = CourseImport.objects.create(requested_by=trainer, filename="a.zip", package=b"pas un zip")
    job = services.course_import_run(job_id=job.pk, worker="w1")
    assert job.status == "failed" and job.runs == 1 and job.claimed_by == "w1"
    assert job.messages == [
        "Ce fichier n’est pas un zip lisible : envoyez le dossier du cours compressé au format .zip."
    ]
    assert job.problems() == [("", job.messages[0])]
    assert not Course.objects.exists()


def test_a_failed_package_reports_paths_inside_the_zip(trainer, basics_track):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mon-cours/course.toml", 'title = "T"\ntrack = "cuisine"\nsummary = "S"\n')
    job = CourseImport.objects.create(requested_by=trainer, filename="a.zip", package=buffer.getvalue())
    job = services.course_import_run(job_id=job.pk, worker="w1")
    assert job.status == "failed" and bytes(job.package) == b""
    [(location, message)] = job.problems()
    assert location == "mon-cours/course.toml:2" and message.startswith("parcours inconnu « cuisine »")


def test_the_sweep_leaves_recent_imports_alone_and_resends_old_ones(trainer, monkeypatch):
    sent = []
    monkeypatch.setattr(import_course_package, "apply_async", lambda args, **kwargs: sent.append(args))
    recent = CourseImport.objects.create(requested_by=trainer, filename="a.zip", package=b"PK")
    old = CourseImport.objects.create(requested_by=trainer, filename="b.zip", package=b"PK")
    CourseImport.objects.filter(pk=old.pk).update(queued_at=timezone.now() - timedelta(minutes=5))
    assert services.course_imports_requeue_stale() == 1 and sent == [[old.pk]]
    old.refresh_from_db()
    assert old.queued_at > timezone.now() - timedelta(minutes=1)  # sent again just now
    assert CourseImport.objects.get(pk=recent.pk).status == "queued"


def test_an_import_is_hidden_from_other_trainers_and_refused_to_learners(trainer, other_trainer, coordinator, resident):
    job = CourseImport.objects.create(requested_by=trainer, filename="a.zip")
    assert services.access_course_import(trainer, job.pk) == job
    assert services.access_course_import(coordinator, job.pk) == job
    with pytest.raises(Http404):
        services.access_course_import(other_trainer, job.pk)
    with pytest.raises(Http404):
        services.access_course_import(trainer, job.pk + 1000)
    with pytest.raises(PermissionDenied):
        services.access_course_import(resident, job.pk)


def test_import_messages_split_into_location_and_message(trainer):
    job = CourseImport(
        requested_by=trainer,
        filename="a.zip",
        messages=["mon-cours/01-a/module.toml:2: « title » doit être un texte non vide", "Erreur interne"],
    )
    assert job.problems() == [
        ("mon-cours/01-a/module.toml:2", "« title » doit être un texte non vide"),
        ("", "Erreur interne"),
    ]
