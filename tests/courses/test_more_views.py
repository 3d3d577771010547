"""courses views: what each role sees, French messages and form errors, what a POST writes, htmx fragments."""

from django.contrib.messages import get_messages
from django.urls import reverse

from courses.models import Course, CourseImport, Enrolment, Lesson, LessonCompletion, Module, Status, Track
from tests.conftest import make_course


def lessons_of(course):
    return list(Lesson.objects.filter(module__course=course).order_by("module__order", "order"))


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


COURSE_DATA = {
    "title": "Sécuriser son téléphone",
    "slug": "telephone",
    "summary": "Verrouillage.",
    "level": "debutant",
    "language": "fr",
}


# ---------------------------------------------------------------- home and catalogue


def test_the_home_page_shows_the_catalogue_to_visitors(client, basics_course):
    assert basics_course.title in page(client, reverse("home"))


def test_the_home_page_sends_signed_in_people_to_their_dashboard(client, resident):
    client.force_login(resident)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("accounts:dashboard")


def test_the_catalogue_marks_the_courses_a_learner_follows(client, resident, basics_track, basics_course):
    make_course(basics_track, "autre")
    Enrolment.objects.create(user=resident, course=basics_course)
    client.force_login(resident)
    assert page(client, reverse("courses:catalogue")).count("vous suivez ce cours") == 1


def test_the_catalogue_says_when_nothing_is_published(client, db):
    assert "Aucun cours publié pour le moment." in page(client, reverse("courses:catalogue"))


def test_only_coordinators_see_the_link_to_add_a_track(client, coordinator, trainer, basics_course):
    link = reverse("courses:track_create")
    client.force_login(coordinator)
    assert link in page(client, reverse("courses:catalogue"))
    client.force_login(trainer)
    assert link not in page(client, reverse("courses:catalogue"))


# ---------------------------------------------------------------- course page


def test_a_visitor_is_asked_to_sign_in_and_sees_titles_without_links(client, basics_course):
    html = page(client, basics_course.get_absolute_url())
    assert "Se connecter pour suivre ce cours" in html
    assert "Leçon 1.1" in html and f'href="{lessons_of(basics_course)[0].get_absolute_url()}"' not in html


def test_a_resident_not_enrolled_gets_the_enrol_button(client, resident, basics_course):
    client.force_login(resident)
    html = page(client, basics_course.get_absolute_url())
    assert "M’inscrire à ce cours" in html and "Commencer le cours" not in html


def test_an_enrolled_learner_starts_then_resumes(client, resident, basics_course):
    Enrolment.objects.create(user=resident, course=basics_course)
    client.force_login(resident)
    assert "Commencer le cours" in page(client, basics_course.get_absolute_url())
    LessonCompletion.objects.create(user=resident, lesson=lessons_of(basics_course)[0])
    html = page(client, basics_course.get_absolute_url())
    assert "Reprendre où j’en étais" in html and "✓ terminée" in html


def test_authors_see_drafts_and_the_edit_link_learners_do_not(client, trainer, trainee, web_course):
    draft = lessons_of(web_course)[1]
    draft.status = Status.DRAFT
    draft.save()
    client.force_login(trainer)
    html = page(client, web_course.get_absolute_url())
    assert "Modifier ce cours" in html and draft.title in html and "brouillon" in html
    assert "c’est votre formateur qui vous y inscrit" not in html  # an author is not told to ask a trainer
    client.force_login(trainee)
    html = page(client, web_course.get_absolute_url())
    assert "Modifier ce cours" not in html and draft.title not in html


def test_a_draft_course_page_says_so_to_its_author_and_is_404_to_others(client, trainer, resident, basics_track):
    course = make_course(basics_track, "secret", status=Status.DRAFT, authors=[trainer])
    client.force_login(trainer)
    assert "Brouillon : visible par les auteurs seulement" in page(client, course.get_absolute_url())
    client.force_login(resident)
    assert client.get(course.get_absolute_url()).status_code == 404


# ---------------------------------------------------------------- enrolment, resume, lessons


def test_enrolling_says_so_in_french(client, resident, basics_course):
    client.force_login(resident)
    response = client.post(reverse("courses:enrol", args=[basics_course.slug]))
    assert flashed(response) == ["Inscription enregistrée : « Cours courriel »."]


def test_a_refused_enrolment_explains_why_and_goes_back_to_the_course(client, resident, web_course):
    client.force_login(resident)
    response = client.post(reverse("courses:enrol", args=[web_course.slug]))
    assert response.status_code == 302 and response.url == web_course.get_absolute_url()
    assert flashed(response) == ["Ce cours est réservé aux promos inscrites par leur formateur."]


def test_enrolling_needs_a_post_and_a_published_course(client, resident, basics_course, basics_track):
    client.force_login(resident)
    assert client.get(reverse("courses:enrol", args=[basics_course.slug])).status_code == 405
    make_course(basics_track, "secret", status=Status.DRAFT)
    assert client.post(reverse("courses:enrol", args=["secret"])).status_code == 404
    assert not Enrolment.objects.exists()


def test_enrolling_in_a_course_without_lessons_lands_on_the_course(client, resident, basics_track):
    course = make_course(basics_track, "vide", modules=1, lessons=0)
    client.force_login(resident)
    assert client.post(reverse("courses:enrol", args=["vide"])).url == course.get_absolute_url()
    assert client.get(reverse("courses:resume", args=["vide"])).url == course.get_absolute_url()


def test_a_visitor_invited_to_enrol_gets_a_french_message(client, resident, first_lesson):
    client.force_login(resident)
    response = client.get(first_lesson.get_absolute_url())
    assert flashed(response) == ["Inscrivez-vous à ce cours pour lire ses leçons : c’est gratuit."]


def test_reading_a_lesson_remembers_it_for_resuming(client, trainee, web_course):
    lesson = lessons_of(web_course)[4]
    client.force_login(trainee)
    page(client, lesson.get_absolute_url())
    assert Enrolment.objects.get(user=trainee, course=web_course).last_lesson == lesson


def test_the_last_lesson_offers_the_way_back_to_the_course(client, trainee, web_course):
    client.force_login(trainee)
    html = page(client, lessons_of(web_course)[-1].get_absolute_url())
    assert "Retour au programme du cours" in html and 'rel="next"' not in html


# ---------------------------------------------------------------- marking lessons done


def test_marking_done_without_htmx_goes_back_to_the_lesson(client, trainee, web_course):
    lesson = lessons_of(web_course)[0]
    client.force_login(trainee)
    response = client.post(reverse("courses:lesson_complete", args=[web_course.slug, lesson.pk]), {"done": "1"})
    assert response.status_code == 302 and response.url == lesson.get_absolute_url()
    assert LessonCompletion.objects.filter(user=trainee, lesson=lesson).exists()


def test_the_htmx_fragment_offers_to_undo_once_done(client, trainee, web_course):
    lesson = lessons_of(web_course)[0]
    client.force_login(trainee)
    url = reverse("courses:lesson_complete", args=[web_course.slug, lesson.pk])
    fragment = client.post(url, HTTP_HX_REQUEST="true").content.decode()
    assert "✓ Leçon terminée" in fragment and "Marquer comme non terminée" in fragment
    fragment = client.post(url, {"done": "0"}, HTTP_HX_REQUEST="true").content.decode()
    assert "J’ai terminé" in fragment and "Leçon terminée" not in fragment
    assert not LessonCompletion.objects.filter(user=trainee).exists()


def test_a_learner_not_enrolled_cannot_mark_a_lesson_done(client, resident, first_lesson, basics_course):
    client.force_login(resident)
    response = client.post(reverse("courses:lesson_complete", args=[basics_course.slug, first_lesson.pk]))
    assert response.status_code == 403 and not LessonCompletion.objects.exists()


# ---------------------------------------------------------------- authoring


def test_the_workshop_lists_a_trainers_courses_and_every_course_for_a_coordinator(
    client, trainer, other_trainer, coordinator, basics_track, basics_course
):
    make_course(basics_track, "autre", authors=[other_trainer])
    client.force_login(trainer)
    html = page(client, reverse("courses:authoring"))
    assert "Cours courriel" in html and "Cours autre" not in html
    client.force_login(coordinator)
    html = page(client, reverse("courses:authoring"))
    assert "Cours courriel" in html and "Cours autre" in html


def test_an_empty_workshop_says_so(client, trainer):
    client.force_login(trainer)
    assert "Aucun cours pour l’instant." in page(client, reverse("courses:authoring"))


def test_creating_a_course_says_it_is_a_draft(client, trainer, basics_track):
    client.force_login(trainer)
    response = client.post(reverse("courses:course_create"), {**COURSE_DATA, "track": basics_track.pk})
    assert response.url == reverse("courses:course_edit", args=["telephone"])
    assert flashed(response) == ["Cours créé, en brouillon."]


def test_a_course_form_with_missing_fields_is_refused_in_french(client, trainer):
    client.force_login(trainer)
    response = client.post(reverse("courses:course_create"), {"title": ""})
    assert response.status_code == 200 and not Course.objects.exists()
    assert set(response.context["form"].errors) == {"title", "slug", "track", "summary", "level", "language"}
    assert response.context["form"].errors["title"] == ["Ce champ est obligatoire."]


def test_a_course_slug_already_taken_is_refused(client, trainer, basics_track, basics_course):
    client.force_login(trainer)
    data = {**COURSE_DATA, "slug": basics_course.slug, "track": basics_track.pk}
    response = client.post(reverse("courses:course_create"), data)
    assert response.status_code == 200 and Course.objects.count() == 1
    assert "existe déjà" in response.context["form"].errors["slug"][0]


def test_editing_a_course_saves_it_and_says_so(client, trainer, basics_track, basics_course):
    client.force_login(trainer)
    data = {**COURSE_DATA, "slug": basics_course.slug, "track": basics_track.pk, "duration_minutes": 45}
    response = client.post(reverse("courses:course_edit", args=[basics_course.slug]), data)
    basics_course.refresh_from_db()
    assert (basics_course.title, basics_course.duration_minutes) == ("Sécuriser son téléphone", 45)
    assert flashed(response) == ["Cours enregistré."]


def test_unpublishing_a_course_says_it_is_a_draft_again(client, trainer, basics_course):
    client.force_login(trainer)
    response = client.post(reverse("courses:course_publish", args=[basics_course.slug]), {"published": "0"})
    basics_course.refresh_from_db()
    assert basics_course.status == Status.DRAFT and flashed(response) == ["Cours repassé en brouillon."]


def test_another_trainer_cannot_publish_a_course(client, other_trainer, basics_course):
    client.force_login(other_trainer)
    response = client.post(reverse("courses:course_publish", args=[basics_course.slug]), {"published": "0"})
    basics_course.refresh_from_db()
    assert response.status_code == 403 and basics_course.status == Status.PUBLISHED


def test_a_new_module_goes_last_and_is_confirmed(client, trainer, basics_course):
    client.force_login(trainer)
    response = client.post(
        reverse("courses:module_create", args=[basics_course.slug]), {"title": "Aller plus loin", "slug": "plus-loin"}
    )
    assert Module.objects.get(course=basics_course, slug="plus-loin").order == 3
    assert flashed(response) == ["Module enregistré."]


def test_a_module_slug_used_in_the_course_is_refused_in_french(client, trainer, basics_course):
    client.force_login(trainer)
    response = client.post(
        reverse("courses:module_create", args=[basics_course.slug]), {"title": "Doublon", "slug": "module-1"}
    )
    assert response.context["form"].errors["slug"] == ["Un autre module de ce cours utilise déjà cette adresse courte."]
    assert basics_course.modules.count() == 2


def test_a_module_keeps_its_own_slug_when_edited(client, trainer, basics_course):
    module = basics_course.modules.first()
    client.force_login(trainer)
    url = reverse("courses:module_edit", args=[basics_course.slug, module.pk])
    client.post(url, {"title": "Renommé", "slug": module.slug, "summary": "Un résumé."})
    module.refresh_from_db()
    assert (module.title, module.summary, module.order) == ("Renommé", "Un résumé.", 1)


def test_a_module_of_another_course_cannot_be_edited_through_this_one(client, trainer, basics_course, web_course):
    client.force_login(trainer)
    url = reverse("courses:module_edit", args=[basics_course.slug, web_course.modules.first().pk])
    assert client.get(url).status_code == 404


def test_a_lesson_saved_without_publish_stays_a_draft(client, trainer, basics_course):
    module = basics_course.modules.first()
    client.force_login(trainer)
    response = client.post(
        reverse("courses:lesson_create", args=[basics_course.slug, module.pk]),
        {"title": "Nouvelle", "slug": "nouvelle", "body": "<p>Texte</p>", "duration_minutes": "7"},
    )
    lesson = Lesson.objects.get(module=module, slug="nouvelle")
    assert (lesson.status, lesson.order, lesson.duration_minutes, lesson.body) == (Status.DRAFT, 4, 7, "<p>Texte</p>")
    assert response.url == reverse("courses:lesson_edit", args=[basics_course.slug, module.pk, lesson.pk])
    assert flashed(response) == ["Leçon enregistrée."]


def test_a_lesson_saved_with_publish_is_published_and_both_are_said(client, trainer, basics_course):
    module = basics_course.modules.first()
    client.force_login(trainer)
    response = client.post(
        reverse("courses:lesson_create", args=[basics_course.slug, module.pk]),
        {"title": "Publiée", "slug": "publiee", "body": "", "publish": "1"},
    )
    assert Lesson.objects.get(slug="publiee").status == Status.PUBLISHED
    assert flashed(response) == ["Leçon enregistrée.", "Leçon publiée."]


def test_a_lesson_without_title_is_refused_in_french(client, trainer, basics_course):
    module = basics_course.modules.first()
    client.force_login(trainer)
    response = client.post(
        reverse("courses:lesson_create", args=[basics_course.slug, module.pk]), {"slug": "x", "body": "<p>x</p>"}
    )
    assert response.context["form"].errors["title"] == ["Ce champ est obligatoire."]
    assert not Lesson.objects.filter(slug="x").exists()


def test_a_lesson_cannot_be_reached_through_another_module(client, trainer, basics_course):
    first, second = basics_course.modules.all()
    client.force_login(trainer)
    url = reverse("courses:lesson_edit", args=[basics_course.slug, second.pk, first.lessons.first().pk])
    assert client.get(url).status_code == 404


def test_unpublishing_a_lesson_with_htmx_returns_the_outline_fragment(client, trainer, basics_course, first_lesson):
    client.force_login(trainer)
    url = reverse("courses:lesson_publish", args=[basics_course.slug, first_lesson.pk])
    fragment = client.post(url, {"published": "0"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="outline"' in fragment and "<html" not in fragment
    first_lesson.refresh_from_db()
    assert first_lesson.status == Status.DRAFT
    response = client.post(url, {"published": "1"})
    assert response.url == reverse("courses:course_edit", args=[basics_course.slug])
    first_lesson.refresh_from_db()
    assert first_lesson.status == Status.PUBLISHED


def test_publishing_a_lesson_of_another_course_is_404(client, trainer, basics_course, web_course):
    client.force_login(trainer)
    url = reverse("courses:lesson_publish", args=[basics_course.slug, lessons_of(web_course)[0].pk])
    assert client.post(url, {"published": "0"}).status_code == 404


def test_moving_something_unknown_is_404(client, trainer, basics_course, first_lesson):
    client.force_login(trainer)
    url = reverse("courses:item_move", args=[basics_course.slug, "page", first_lesson.pk])
    assert client.post(url, {"direction": "up"}).status_code == 404
    url = reverse("courses:item_move", args=[basics_course.slug, "exercise", 99999])
    assert client.post(url, {"direction": "up"}).status_code == 404


def test_a_coordinator_adds_a_track_and_is_told(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("courses:track_create"), {"title": "Bureautique", "slug": "bureautique", "order": 3})
    assert response.url == reverse("courses:catalogue") and flashed(response) == ["Parcours créé."]
    assert Track.objects.get(slug="bureautique").self_enrolment is False  # an unticked box


def test_a_track_form_with_missing_fields_is_refused_in_french(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("courses:track_create"), {"order": 1})
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["Ce champ est obligatoire."]
    assert response.context["form"].errors["slug"] == ["Ce champ est obligatoire."]


# ---------------------------------------------------------------- imports


def test_the_import_page_lists_only_my_imports(client, trainer, other_trainer):
    CourseImport.objects.create(requested_by=trainer, filename="le-mien.zip")
    CourseImport.objects.create(requested_by=other_trainer, filename="le-sien.zip")
    client.force_login(trainer)
    html = page(client, reverse("courses:course_import"))
    assert "le-mien.zip" in html and "le-sien.zip" not in html and "Vos derniers imports" in html


def test_sending_no_file_is_a_400_in_french(client, trainer):
    client.force_login(trainer)
    # A browser always sends the form's CSRF token; the test client does not check it.
    response = client.post(reverse("courses:course_import"), {"csrfmiddlewaretoken": "x"})
    assert response.status_code == 400
    assert response.context["form"].errors["package"] == ["Ce champ est obligatoire."]
    assert not CourseImport.objects.exists()


def test_a_finished_import_links_to_its_courses(client, trainer, basics_course):
    job = CourseImport.objects.create(requested_by=trainer, filename="cours.zip", status="done")
    job.courses.add(basics_course)
    client.force_login(trainer)
    html = page(client, job.get_absolute_url())
    assert "Cours importé" in html and reverse("courses:course_edit", args=[basics_course.slug]) in html
    assert "Voir comme un apprenant" in html and "Importé" in html


def test_a_finished_import_whose_course_was_deleted_says_so(client, trainer):
    job = CourseImport.objects.create(requested_by=trainer, filename="cours.zip", status="done")
    client.force_login(trainer)
    assert "Le cours importé a été supprimé depuis." in page(client, job.get_absolute_url())


def test_a_running_import_says_it_is_being_checked(client, trainer):
    job = CourseImport.objects.create(requested_by=trainer, filename="cours.zip", status="running")
    client.force_login(trainer)
    html = page(client, job.get_absolute_url())
    assert "Import en cours : Tremplin vérifie le paquet" in html and 'hx-trigger="every 2s"' in html


def test_a_refused_import_shows_each_problem_and_how_to_send_again(client, trainer):
    job = CourseImport.objects.create(
        requested_by=trainer,
        filename="cours.zip",
        status="failed",
        messages=["mon-cours/course.toml:2: parcours inconnu « cuisine »", "Erreur interne : rien n’a été importé."],
    )
    client.force_login(trainer)
    html = page(client, job.get_absolute_url())
    assert "<code>mon-cours/course.toml:2</code> : parcours inconnu « cuisine »" in html
    assert "<li>Erreur interne : rien n’a été importé.</li>" in html
    assert "Envoyer un paquet corrigé" in html and "Refusé" in html
