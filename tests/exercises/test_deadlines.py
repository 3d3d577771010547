"""Due dates: a trainer sets them for a promo (an exercise or a whole module), learners see « À rendre »
with the date, a late submission is accepted and marked late or refused (the typed work kept), the
learners are reminded a day before, and each person has a private calendar feed."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from exercises import services
from exercises.models import Deadline, Submission

from .conftest import load_exercise

CODE = "def moyenne(notes):\n    return 0\n"


def page(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def course(web_course):
    return web_course


@pytest.fixture
def exercise(course):
    return load_exercise(course.modules.first(), "moyenne")


@pytest.fixture
def quiz(course):
    return load_exercise(course.modules.first(), "quiz-arnaques")


def deadline(cohort, trainer, *, days, refuse_late=False, **item):
    return services.deadline_set(
        cohort=cohort, by=trainer, due_at=timezone.now() + timedelta(days=days), refuse_late=refuse_late, **item
    )


def test_a_trainer_sets_a_due_date_and_the_learner_sees_it(client, trainer, trainee, cohort, exercise):
    client.force_login(trainer)
    url = reverse("exercises:cohort_deadlines", args=[cohort.pk])
    assert url in client.get(cohort.get_absolute_url()).content.decode()
    form = page(client.get(url))
    assert form.select_one(f"option[value='exercise:{exercise.pk}']") is not None
    missing = client.post(url, {"item": f"exercise:{exercise.pk}", "due_time": "18:00"})
    assert missing.status_code == 400 and "Ce champ est obligatoire." in missing.content.decode()
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(url, {"item": f"exercise:{exercise.pk}", "due_date": day, "due_time": "18:00"}, follow=True)
    assert "Échéance enregistrée." in response.content.decode()
    (saved,) = Deadline.objects.all()
    assert timezone.localtime(saved.due_at).strftime("%H:%M") == "18:00" and not saved.refuse_late
    client.post(url, {"item": f"exercise:{exercise.pk}", "due_date": day, "due_time": "20:00", "refuse_late": "on"})
    saved = Deadline.objects.get()  # set again: changed, not added
    assert saved.refuse_late and timezone.localtime(saved.due_at).strftime("%H:%M") == "20:00"

    client.force_login(trainee)
    dashboard = page(client.get(reverse("accounts:dashboard")))
    due = dashboard.select_one("#due-title").find_parent("section")
    assert exercise.title in due.get_text() and "à rendre avant le" in due.get_text() and "20:00" in due.get_text()
    meta = page(client.get(exercise.get_absolute_url())).select_one("#exercise-meta").get_text()
    assert "à rendre avant le" in meta


def test_a_late_submission_is_accepted_and_marked_late(client, trainer, trainee, cohort, exercise):
    deadline(cohort, trainer, days=-1, exercise=exercise)
    submission = services.submission_create(exercise=exercise, learner=trainee, mode="submit", files={"notes.py": CODE})
    assert submission.late
    check = services.submission_create(exercise=exercise, learner=trainee, mode="check", files={"notes.py": CODE})
    assert not check.late  # a check is never late
    client.force_login(trainee)
    history = page(client.get(exercise.get_absolute_url())).select_one("#history")
    assert "en retard" in history.get_text()
    dashboard = page(client.get(reverse("accounts:dashboard")))
    assert dashboard.select_one("#due-title") is None  # handed in, late: nothing left to hand in
    client.force_login(trainer)
    assert "en retard" in page(client.get(reverse("exercises:review_list"))).select_one("tbody").get_text()


def test_a_refused_late_submission_keeps_what_was_typed(client, trainer, trainee, cohort, exercise):
    deadline(cohort, trainer, days=-1, refuse_late=True, exercise=exercise)
    client.force_login(trainee)
    typed = "def moyenne(notes):\n    return 42  # mon travail\n"
    response = client.post(exercise.get_absolute_url(), {"mode": "submit", "file_0": typed})
    assert response.status_code == 400
    html = page(response)
    assert "votre formateur n’accepte plus de soumission pour cet exercice" in html.get_text()
    assert "return 42  # mon travail" in html.select_one("textarea[name=file_0]").get_text()
    assert not Submission.objects.filter(mode="submit").exists()
    assert client.post(exercise.get_absolute_url(), {"mode": "check", "file_0": typed}).status_code in (200, 302)


def test_a_module_deadline_counts_its_exercises(client, trainer, trainee, cohort, exercise, quiz):
    deadline(cohort, trainer, days=2, module=exercise.module)
    client.force_login(trainee)
    due = page(client.get(reverse("accounts:dashboard"))).select_one("#due-title").find_parent("section").get_text()
    assert exercise.module.title in due and "0 sur 2 rendus" in due
    services.submission_create(exercise=exercise, learner=trainee, mode="submit", files={"notes.py": CODE})
    due = page(client.get(reverse("accounts:dashboard"))).select_one("#due-title").find_parent("section").get_text()
    assert "1 sur 2 rendus" in due
    services.submission_create(exercise=quiz, learner=trainee, mode="submit", answers={})
    assert page(client.get(reverse("accounts:dashboard"))).select_one("#due-title") is None


def test_only_the_promos_courses_and_trainers(client, trainer, other_trainer, trainee, cohort, basics_course):
    outside = load_exercise(basics_course.modules.first(), "moyenne")  # a course not given to the promo
    with pytest.raises(services.DeadlineRefused):
        deadline(cohort, trainer, days=1, exercise=outside)
    client.force_login(trainer)
    url = reverse("exercises:cohort_deadlines", args=[cohort.pk])
    assert page(client.get(url)).select_one(f"option[value='exercise:{outside.pk}']") is None
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    assert client.post(url, {"item": f"exercise:{outside.pk}", "due_date": day, "due_time": "18:00"}).status_code == 400
    client.force_login(other_trainer)
    assert client.get(url).status_code == 404
    mine = Deadline.objects.create(cohort=cohort, module=basics_course.modules.first(), due_at=timezone.now())
    assert client.post(reverse("exercises:deadline_delete", args=[mine.pk])).status_code == 404
    client.force_login(trainee)
    assert client.get(url).status_code in (302, 403)
    client.force_login(trainer)
    assert client.post(reverse("exercises:deadline_delete", args=[mine.pk])).status_code == 302
    assert not Deadline.objects.exists()


def test_learners_who_have_not_handed_in_are_reminded_once_a_day_before(
    trainer, trainee, other_trainee, cohort, exercise
):
    cohort.learners.add(other_trainee)
    soon = deadline(cohort, trainer, days=0.5, exercise=exercise)
    deadline(cohort, trainer, days=3, module=exercise.module)  # not yet
    services.submission_create(exercise=exercise, learner=other_trainee, mode="submit", files={"notes.py": CODE})
    assert services.deadlines_remind() == 1
    (told,) = trainee.notifications.all()
    assert told.kind == "deadline" and told.url == exercise.get_absolute_url()
    assert told.text.startswith(f"« {exercise.title} » est à rendre avant le ")
    assert not other_trainee.notifications.filter(kind="deadline").exists()
    assert services.deadlines_remind() == 0  # once
    soon.refresh_from_db()
    assert soon.reminded_at is not None


def test_a_private_calendar_feed(client, trainer, trainee, cohort, exercise):
    deadline(cohort, trainer, days=2, exercise=exercise)
    client.force_login(trainee)
    calendar = page(client.get(reverse("exercises:calendar")))
    assert exercise.title in calendar.select_one(".due-list").get_text() and calendar.select_one("#feed-url") is None
    client.post(reverse("exercises:calendar_renew"))
    feed_url = page(client.get(reverse("exercises:calendar"))).select_one("#feed-url")["value"]
    client.logout()
    response = client.get(feed_url)  # a calendar application, without a session
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == f"À rendre : {exercise.title}"
    assert str(event["url"]).endswith(exercise.get_absolute_url())
    client.force_login(trainee)
    client.post(reverse("exercises:calendar_renew"))
    client.logout()
    assert client.get(feed_url).status_code == 404  # the old address stops working
    assert client.get(reverse("exercises:calendar_feed", args=["nope"])).status_code == 404
    client.force_login(trainer)
    client.post(reverse("exercises:calendar_renew"))
    staff_feed = page(client.get(reverse("exercises:calendar"))).select_one("#feed-url")["value"]
    (event,) = Calendar.from_ical(client.get(staff_feed).content).walk("VEVENT")
    assert cohort.name in str(event["summary"])
