"""The pages: what each role sees, the French messages, what a POST changes, and what it refuses."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from progress import services
from progress.models import Competence, CompetenceProgress, Evidence, State

CP7 = "RNCP37674-CP7"


@pytest.fixture
def cp7(dwwm):
    return Competence.objects.get(code=CP7)


@pytest.fixture
def decide(cohort, trainee, cp7):
    return reverse("progress:competence_decide", args=[cohort.pk, trainee.pk, cp7.pk])


def test_a_learner_following_nothing_is_told_so(client, trainee):
    client.force_login(trainee)
    page = client.get(reverse("progress:my_path")).content.decode()
    assert "Vous ne suivez pas encore de qualification." in page and "À faire ensuite" not in page


def test_the_learner_sees_who_validated_a_competence_and_why(client, trainee, trainer, cp7):
    services.competence_validate(user=trainee, competence=cp7, by=trainer, comment="Projet présenté")
    client.force_login(trainee)
    page = client.get(reverse("progress:my_path")).content.decode()
    assert f"par {trainer.display_name} : « Projet présenté »" in page
    assert '<span aria-hidden="true">✔</span> Validée</span>' in page


def test_a_trainers_validation_without_javascript_redirects_with_a_french_message(
    client, trainer, cohort, trainee, cp7, decide
):
    client.force_login(trainer)
    response = client.post(decide, {"action": "validate", "comment": "Bon travail"}, follow=True)
    assert response.redirect_chain == [(reverse("progress:learner_detail", args=[cohort.pk, trainee.pk]), 302)]
    assert "Compétence validée." in response.content.decode()
    assert CompetenceProgress.objects.get(user=trainee, competence=cp7).validation_comment == "Bon travail"


def test_withdrawing_and_observing_say_so_in_french(client, trainer, trainee, cp7, decide):
    services.competence_validate(user=trainee, competence=cp7, by=trainer)
    client.force_login(trainer)
    withdrawn = client.post(decide, {"action": "invalidate", "reason": "Doublon"}, follow=True).content.decode()
    assert "Validation retirée." in withdrawn
    observed = client.post(decide, {"action": "observe", "note": "Attentif"}, follow=True).content.decode()
    assert "Observation ajoutée." in observed


def test_a_refused_form_without_javascript_is_shown_again_with_its_error(client, trainer, trainee, cp7, decide):
    client.force_login(trainer)
    response = client.post(decide, {"action": "observe", "note": ""})
    assert response.status_code == 400 and "Ce champ est obligatoire" in response.content.decode()
    assert not Evidence.objects.filter(user=trainee).exists()


def test_an_unknown_action_or_a_get_is_refused(client, trainer, trainee, decide):
    client.force_login(trainer)
    assert client.post(decide, {"action": "supprimer"}).status_code == 404
    assert client.get(decide).status_code == 405
    assert not CompetenceProgress.objects.filter(user=trainee).exists()


def test_an_observation_with_a_text_file_is_kept_and_linked_on_the_learners_page(
    client, trainer, cohort, trainee, cp7, decide
):
    upload = SimpleUploadedFile("notes.txt", b"Compte rendu d'atelier", content_type="text/plain")
    client.force_login(trainer)
    client.post(decide, {"action": "observe", "note": "Atelier CSS", "file": upload})
    evidence = Evidence.objects.get(user=trainee, kind=Evidence.Kind.OBSERVATION)
    assert evidence.note == "Atelier CSS" and evidence.file.name.endswith(".txt")
    detail = client.get(reverse("progress:learner_detail", args=[cohort.pk, trainee.pk])).content.decode()
    assert reverse("progress:evidence_file", args=[evidence.pk]) in detail and "pièce jointe" in detail


def test_an_html_file_is_refused_and_nothing_is_recorded(client, trainer, trainee, decide):
    upload = SimpleUploadedFile("page.html", b"<script>alert(1)</script>", content_type="text/html")
    client.force_login(trainer)
    response = client.post(decide, {"action": "observe", "note": "Voir fichier", "file": upload})
    assert response.status_code == 400
    assert "Ce type de fichier n&#x27;est pas accepté" in response.content.decode()
    assert not Evidence.objects.filter(user=trainee).exists()


def test_the_learners_history_names_the_trainer_or_says_automatic(client, trainer, cohort, trainee, cp7):
    services.observation_add(user=trainee, competence=cp7, by=trainer, note="Début")  # automatic: en cours
    services.competence_validate(user=trainee, competence=cp7, by=trainer, comment="Vu")
    client.force_login(trainer)
    page = client.get(reverse("progress:learner_detail", args=[cohort.pk, trainee.pk])).content.decode()
    assert "Non commencée → En cours</td>" in page and "automatique" in page
    assert re.search(rf"En cours → Validée : Vu</td>\s*<td>{trainer.display_name}</td>", page)


def test_a_cohort_following_nothing_is_told_so_and_has_nothing_to_export(client, trainer, cohort):
    client.force_login(trainer)
    page = client.get(reverse("progress:cohort_dashboard", args=[cohort.pk])).content.decode()
    assert "Cette promo ne suit encore aucune qualification." in page
    response = client.get(reverse("progress:cohort_export", args=[cohort.pk]))
    assert response.status_code == 302 and response.url == reverse("progress:cohort_dashboard", args=[cohort.pk])


def test_the_dashboard_shows_the_qualification_asked_for(client, trainer, cohort, frameworks, dwwm):
    frameworks["CRCN"].cohorts.add(cohort)
    client.force_login(trainer)
    url = reverse("progress:cohort_dashboard", args=[cohort.pk])
    assert client.get(url).context["qualification"].code == "CRCN"  # the first by code
    response = client.get(url, {"qualification": "RNCP37674"})
    assert response.context["qualification"] == dwwm
    assert "RNCP37674 : état de chaque compétence, 1 apprenants" in response.content.decode()
    assert client.get(url, {"qualification": "INCONNUE", "tri": "n'importe"}).context["sort"] == "name"


def test_sharing_with_the_mediator_is_saved_and_confirmed(client, resident):
    client.force_login(resident)
    response = client.post(reverse("progress:sharing"), {"shares_progress": "1"}, follow=True)
    assert "Votre choix est enregistré." in response.content.decode()
    resident.refresh_from_db()
    assert resident.shares_progress is True
    assert client.get(reverse("progress:sharing")).status_code == 405


def test_achievements_without_anything_yet_encourage_the_learner(client, resident):
    client.force_login(resident)
    page = client.get(reverse("progress:achievements")).content.decode()
    assert "Pas encore de cours terminé." in page
    assert "Une attestation vous est remise à la fin de chaque cours « Numérique de base »." in page


def test_the_trainers_competence_shows_its_state_after_an_htmx_withdrawal(client, trainer, trainee, cp7, decide):
    services.competence_validate(user=trainee, competence=cp7, by=trainer)
    client.force_login(trainer)
    fragment = client.post(decide, {"action": "invalidate", "reason": "Revu"}, HTTP_HX_REQUEST="true")
    text = fragment.content.decode()
    assert fragment.status_code == 200 and text.startswith(f'<li class="competence state-{State.NOT_STARTED}"')
    assert 'hx-swap-oob="true"' in text and "Valider la compétence" in text
