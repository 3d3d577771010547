import pytest
from django.urls import reverse

from courses import services
from courses.models import Course, Enrolment, Lesson, LessonCompletion, Status
from tests.conftest import make_course


def lessons_of(course):
    return list(Lesson.objects.filter(module__course=course).order_by("module__order", "order"))


def test_a_resident_enrols_in_a_basics_course_and_lands_on_the_first_lesson(client, resident, basics_course):
    client.force_login(resident)
    response = client.post(reverse("courses:enrol", args=[basics_course.slug]))
    assert response.url == lessons_of(basics_course)[0].get_absolute_url()
    assert Enrolment.objects.filter(user=resident, course=basics_course).exists()


def test_web_school_courses_are_not_open_to_self_enrolment(client, resident, web_course):
    client.force_login(resident)
    client.post(reverse("courses:enrol", args=[web_course.slug]))
    assert not Enrolment.objects.exists()
    page = client.get(web_course.get_absolute_url()).content.decode()
    assert "c’est votre formateur qui vous y inscrit" in page


def test_cohort_members_follow_the_cohort_courses_without_enrolling(client, trainee, web_course):
    client.force_login(trainee)
    assert client.get(lessons_of(web_course)[0].get_absolute_url()).status_code == 200
    assert [c.slug for c in services.learner_courses(trainee)] == [web_course.slug]


def test_an_unenrolled_resident_is_invited_to_enrol(client, resident, basics_course, first_lesson):
    client.force_login(resident)
    response = client.get(first_lesson.get_absolute_url())
    assert response.status_code == 302 and response.url == basics_course.get_absolute_url()


def test_marking_lessons_done_moves_the_progress_bar(client, resident, basics_course):
    client.force_login(resident)
    client.post(reverse("courses:enrol", args=[basics_course.slug]))
    first, second = lessons_of(basics_course)[:2]
    response = client.post(
        reverse("courses:lesson_complete", args=[basics_course.slug, first.pk]), HTTP_HX_REQUEST="true"
    )
    fragment = response.content.decode()
    assert "<html" not in fragment and 'id="completion"' in fragment
    assert "1 activité terminée sur 6 (17 %)" in fragment
    client.post(reverse("courses:lesson_complete", args=[basics_course.slug, second.pk]))
    page = client.get(basics_course.get_absolute_url()).content.decode()
    assert "2 activités terminées sur 6 (33 %)" in page
    assert "2 activités terminées sur 3 (67 %)" in page  # the first module's bar
    client.post(reverse("courses:lesson_complete", args=[basics_course.slug, second.pk]), {"done": "0"})
    assert LessonCompletion.objects.filter(user=resident).count() == 1


def test_lesson_page_has_previous_and_next_and_read_aloud(client, resident, basics_course):
    client.force_login(resident)
    client.post(reverse("courses:enrol", args=[basics_course.slug]))
    lessons = lessons_of(basics_course)
    page = client.get(lessons[3].get_absolute_url()).content.decode()
    assert f'href="{lessons[2].get_absolute_url()}"' in page and f'href="{lessons[4].get_absolute_url()}"' in page
    assert "Lire à voix haute" in page


def test_resume_takes_the_learner_where_they_left_off(client, resident, basics_course):
    client.force_login(resident)
    client.post(reverse("courses:enrol", args=[basics_course.slug]))
    lessons = lessons_of(basics_course)
    client.get(lessons[4].get_absolute_url())
    assert client.get(reverse("courses:resume", args=[basics_course.slug])).url == lessons[4].get_absolute_url()
    client.post(reverse("courses:lesson_complete", args=[basics_course.slug, lessons[4].pk]))
    assert client.get(reverse("courses:resume", args=[basics_course.slug])).url == lessons[5].get_absolute_url()


def test_draft_lessons_are_hidden_from_learners_and_not_counted(client, resident, basics_course):
    client.force_login(resident)
    client.post(reverse("courses:enrol", args=[basics_course.slug]))
    draft = lessons_of(basics_course)[1]
    draft.status = Status.DRAFT
    draft.save()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "sur 5" in client.get(basics_course.get_absolute_url()).content.decode()


def test_dashboard_lists_my_courses_with_progress(client, resident, basics_course):
    client.force_login(resident)
    client.post(reverse("courses:enrol", args=[basics_course.slug]))
    LessonCompletion.objects.create(user=resident, lesson=lessons_of(basics_course)[0])
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert basics_course.title in page and "1 activité terminée sur 6" in page


@pytest.mark.parametrize("count", [2, 20])
def test_catalogue_uses_a_bounded_number_of_queries(
    client, resident, basics_track, count, django_assert_max_num_queries
):
    for i in range(count):
        make_course(basics_track, f"cours-{i}", modules=2, lessons=2)
    client.force_login(resident)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("courses:catalogue"))
    assert response.content.decode().count('class="card"') == count


@pytest.mark.parametrize("size", [(1, 2), (8, 10)])
def test_course_and_lesson_pages_use_a_bounded_number_of_queries(
    client, resident, basics_track, size, django_assert_max_num_queries
):
    course = make_course(basics_track, "gros-cours", modules=size[0], lessons=size[1])
    client.force_login(resident)
    client.post(reverse("courses:enrol", args=[course.slug]))
    lesson = lessons_of(course)[1]
    # Each bound counts the header's bell (one query).
    with django_assert_max_num_queries(13):
        assert client.get(course.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(17):
        assert client.get(lesson.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_demo_content_is_imported_and_published(demo_content):
    assert Course.objects.filter(track__slug="numerique-de-base", status=Status.PUBLISHED).count() >= 2
    assert Course.objects.filter(track__slug="ecole-du-web", status=Status.PUBLISHED).exists()
    assert Lesson.objects.filter(body__contains="<h2>").count() > 10


def test_wide_tables_and_code_scroll_in_focusable_regions(client, resident, basics_course, first_lesson):
    first_lesson.body = "<table><tr><td>a</td></tr></table><pre><code>def f():\n    return 1</code></pre>"
    first_lesson.save()
    client.force_login(resident)
    client.post(reverse("courses:enrol", args=[basics_course.slug]))
    page = client.get(first_lesson.get_absolute_url()).content.decode()
    assert page.count('class="scroll-region" role="region" tabindex="0"') == 2
    assert "    return 1" in page  # code keeps its indentation
