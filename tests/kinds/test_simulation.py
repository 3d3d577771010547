"""The simulation kind (exercises/kinds/simulation/): scenarios read and checked (the reference path must
meet every expectation, doing nothing must not), steps recorded on the server by the simulator's pages
without JavaScript, graded on the end state and the path, and forged steps that change nothing."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from courses.models import Enrolment
from exercises.forms import apply_form, initial_for
from exercises.kinds import kind_of
from exercises.kinds.simulation.scenario import ScenarioError, read_scenario
from exercises.models import Exercise, Submission, WorkInProgress
from exercises.spec import read_exercise

from ..exercises.conftest import SIMULATIONS, load_exercise
from .helpers import export_and_read, form_data, make_form

COURRIEL = SIMULATIONS["simulation-courriel"]
SMS = SIMULATIONS["simulation-sms"]
TOML = (COURRIEL / "simulation.toml").read_text(encoding="utf-8")
DIALLO = "a.diallo@mairie-exemple.fr"
REPLY = {
    "do": "send",
    "to": [DIALLO],
    "subject": "RE : Votre dossier",
    "body": "Voici mon attestation.",
    "attach": ["attestation.pdf"],
    "reply_to": "diallo",
}


def grade(folder, steps):
    spec = read_exercise(folder)
    return kind_of("simulation").grade(spec, {"steps": steps})


def errors_of(text):
    with pytest.raises(ScenarioError) as info:
        read_scenario(text)
    return info.value.errors


# ---------------------------------------------------------------- reading a scenario


def test_the_demo_scenarios_are_read_with_their_reference_as_solution():
    spec = read_exercise(COURRIEL)
    assert (spec.kind, spec.config["scenario"]["simulator"]) == ("simulation", "webmail")
    assert spec.solution == {"steps": spec.config["scenario"]["reference"]} and spec.starter == {"steps": []}
    assert spec.tests == {"simulation.toml": TOML}
    assert read_exercise(SMS).config["scenario"]["simulator"] == "sms"


def test_check_course_plays_the_reference_path_and_doing_nothing(capsys):
    call_command("check_course", str(SMS.parent.parent))
    line = next(line for line in capsys.readouterr().out.splitlines() if "05-simulation-sms" in line)
    assert line.split()[-3:] == ["passed", "failed", "ok"]


REFERENCE_MISSES = (
    "le parcours de référence ne remplit pas l'attente « La réponse est envoyée à Mme Diallo avec le fichier "
    "attestation.pdf »"
)
WRONG_SCENARIOS = [
    (
        ('simulator = "webmail"', 'simulator = "banque"'),
        "simulation.toml:1: « simulator » doit valoir l'un de : booking, procedure, shop, sms, webmail",
    ),
    (('kind = "reported"', 'kind = "signale"'), "attente de type inconnu « signale »"),
    (('message = "colis"\nexplanation = "Signalez', 'message = "coli"\nexplanation = "Signalez'), "inconnu : « coli »"),
    (('attachment = "attestation.pdf"', 'attachment = "rib.pdf"'), "pièce jointe inconnue : « rib.pdf »"),
    (
        ('address = "a.diallo@mairie-exemple.fr"\n\n[[contacts]]', 'address = "a.diallo"\n\n[[contacts]]'),
        "« a.diallo »",
    ),
    (('attach = ["attestation.pdf"]', 'attach = ["rib.pdf"]'), "étape n° 2 du parcours de référence refusée : Cette"),
    (('attach = ["attestation.pdf"]', "attach = []"), REFERENCE_MISSES),
    (('task = "Mme', 'tache = "Mme'), "« task » manque"),
    (('id = "colis"', 'id = "Colis urgent"'), "« Colis urgent » : lettres minuscules, chiffres et tirets seulement"),
]


@pytest.mark.parametrize(("change", "expected"), WRONG_SCENARIOS)
def test_a_wrong_scenario_is_refused_with_its_line_and_reason(change, expected):
    old, new = change
    assert old in TOML
    errors = errors_of(TOML.replace(old, new, 1))
    assert any(expected in error for error in errors), errors
    assert all(re.match(r"^simulation\.toml:\d+: ", error) for error in errors)


def test_expectations_that_doing_nothing_meets_are_refused():
    text = TOML.split("[[expectations]]")[0] + (
        '[[expectations]]\nkind = "link_not_opened"\nname = "Pas de lien"\nmessage = "colis"\n'
        'explanation = "N\'ouvrez pas."\n\n[[reference]]\ndo = "open"\nmessage = "diallo"\n'
    )
    line = text.splitlines().index("[[expectations]]") + 1
    assert errors_of(text) == [
        f"simulation.toml:{line}: ne rien faire remplit déjà toutes les attentes : elles ne vérifient rien"
    ]


def test_invalid_toml_gives_its_line():
    assert errors_of('simulator = "webmail"\ntask = \n')[0].startswith("simulation.toml:2: TOML invalide")


def test_a_folder_without_a_scenario_says_so(tmp_path):
    from .helpers import read_errors, write_folder

    folder = write_folder(tmp_path / "sim", {"exercise.toml": 'title = "Sim"\nkind = "simulation"\n'})
    assert read_errors(folder) == [f"{folder / 'simulation.toml'}:1: fichier manquant : le scénario de la simulation"]


# ---------------------------------------------------------------- grading the path


def test_the_reference_path_passes_and_doing_nothing_fails():
    spec = read_exercise(COURRIEL)
    passed = kind_of("simulation").grade(spec, dict(spec.solution))
    assert (passed.status, passed.score, passed.message) == ("passed", 1.0, "Bravo : la démarche est réussie !")
    nothing = kind_of("simulation").grade(spec, {"steps": []})
    assert [t.status for t in nothing.tests] == ["failed", "passed", "failed"]


@pytest.mark.parametrize(
    ("steps", "failed"),
    [
        # reply to the wrong person
        ([{**REPLY, "to": ["karim.benali@courriel-exemple.fr"]}, {"do": "report", "message": "colis"}], 0),
        # the file forgotten
        ([{**REPLY, "attach": []}, {"do": "report", "message": "colis"}], 0),
        # a new message instead of a reply
        ([{**REPLY, "reply_to": None}, {"do": "report", "message": "colis"}], 0),
        # the phishing message's link opened (then reported: too late)
        ([REPLY, {"do": "open_link", "message": "colis", "link": 0}, {"do": "report", "message": "colis"}], 1),
        # the phishing message deleted but not reported
        ([REPLY, {"do": "delete", "message": "colis"}], 2),
    ],
)
def test_typical_wrong_paths_fail_with_their_explanation(steps, failed):
    result = grade(COURRIEL, steps)
    assert result.status == "failed"
    wrong = [t for t in result.tests if t.status == "failed"]
    assert [t.key for t in wrong] == [f"e{failed}"]
    expected = read_exercise(COURRIEL).config["scenario"]["expectations"][failed]["explanation"]
    assert wrong[0].message == expected


@pytest.mark.parametrize(
    "forged",
    [
        {**REPLY, "attach": ["attestation.pdf", "../../etc/passwd"]},  # a file that is not in « Mes documents »
        {**REPLY, "to": [DIALLO] * 11},  # more than ten recipients
        {**REPLY, "to": "a.diallo@mairie-exemple.fr"},  # not a list
        {**REPLY, "reply_to": "inconnu"},
        {**REPLY, "body": "x" * 5001},
        {**REPLY, "do": "SEND"},
        {"do": "__class__", "message": "colis"},
        "send everything",
        None,
        ["nested"],
    ],
)
def test_forged_steps_change_nothing(forged):
    result = grade(COURRIEL, [forged, {"do": "report", "message": "colis"}])
    assert [t.status for t in result.tests] == ["failed", "passed", "passed"]


@pytest.mark.parametrize("work", [{"steps": "all"}, {"steps": [{}] * 201}, {"nothing": []}, [], "x"])
def test_unreadable_work_is_refused_not_crashed(work):
    spec = read_exercise(COURRIEL)
    result = kind_of("simulation").grade(spec, work)
    assert (result.status, result.reason) == ("error", "refused")


def test_the_sms_scenario_grades_sorting_reporting_and_links():
    spec = read_exercise(SMS)
    steps = list(spec.solution["steps"])
    assert grade(SMS, steps).status == "passed"
    careless = [*steps, {"do": "open_link", "message": "amende", "link": 0}, {"do": "report", "message": "pharmacie"}]
    result = grade(SMS, careless)
    assert [t.name for t in result.tests if t.status == "failed"] == [
        "Le lien du SMS de l'amende n'est pas ouvert",
        "Le SMS de la pharmacie n'est pas signalé",
    ]
    fooled = [{**s, "as": "fiable"} if s.get("message") == "sante" and s["do"] == "sort" else s for s in steps]
    assert [t.key for t in grade(SMS, fooled).tests if t.status == "failed"] == ["e2"]


def test_manage_grade_reads_the_steps_from_json(tmp_path, capsys):
    (tmp_path / "steps.json").write_text(json.dumps({"steps": [REPLY, {"do": "report", "message": "colis"}]}))
    call_command("grade", str(COURRIEL), str(tmp_path / "steps.json"))
    assert json.loads(capsys.readouterr().out)["status"] == "passed"
    (tmp_path / "bad.json").write_text("[" * 100000)
    call_command("grade", str(COURRIEL), str(tmp_path / "bad.json"))
    result = json.loads(capsys.readouterr().out)
    assert (result["status"], result["message"]) == (
        "error",
        "Parcours illisible : le fichier n'est pas un JSON valide.",
    )


# ---------------------------------------------------------------- the authoring form


def test_the_form_has_the_scenario_field_only_and_refuses_a_wrong_scenario(db, module):
    form = make_form(module, "simulation")
    assert "scenario" in form.fields and not {"gift", "checks", "notebook", "time_limit"} & set(form.fields)
    refused = make_form(
        module,
        "simulation",
        form_data("simulation", scenario=TOML.replace('name = "attestation.pdf"', 'name = "x.pdf"')),
    )
    assert not refused.is_valid() and "simulation.toml" in refused.errors["scenario"][0]


def test_a_scenario_authored_in_the_browser_is_stored_exported_and_read_back(db, module, tmp_path):
    form = make_form(module, "simulation", form_data("simulation", scenario=TOML))
    assert form.is_valid(), form.errors
    exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
    exercise.save()
    assert exercise.solution["steps"][1]["attach"] == ["attestation.pdf"] and exercise.starter == {"steps": []}
    assert initial_for(exercise)["scenario"] == TOML
    spec = export_and_read(exercise, tmp_path / "sim")
    assert spec.config == exercise.config and spec.tests == {"simulation.toml": TOML}


# ---------------------------------------------------------------- the pages, without JavaScript


@pytest.fixture
def courriel(module, trainee):
    Enrolment.objects.get_or_create(user=trainee, course=module.course)
    return load_exercise(module, "simulation-courriel")


def page(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def follow(client, response):
    assert response.status_code == 302, response.status_code
    return page(client.get(response["Location"]))


def test_the_whole_path_without_javascript_is_recorded_and_graded(client, trainee, courriel):
    client.force_login(trainee)
    base = f"/exercices/{courriel.pk}/simulation/"
    exercise_page = page(client.get(courriel.get_absolute_url()))
    assert exercise_page.select_one(f"a[href='{base}']") is not None
    inbox = page(client.get(base))
    assert (
        inbox.select_one(".sim-banner")
        .get_text(" ", strip=True)
        .startswith("Simulation — rien n’est envoyé pour de vrai")
    )
    assert [a["href"] for a in inbox.select(".sim-list a")] == [f"{base}messages/diallo/", f"{base}messages/colis/"]
    message = page(client.get(f"{base}messages/diallo/"))
    assert message.h1.get_text(strip=True) == "Votre dossier de carte de bus"
    reply = page(client.get(message.select_one("a[href$='?repondre=diallo']")["href"]))
    assert reply.select_one("input[name=to]")["value"] == DIALLO
    form = {
        "to": DIALLO,
        "subject": "RE : Votre dossier",
        "body": "Voici mon attestation.",
        "attach": ["attestation.pdf"],
    }
    sent = follow(client, client.post(f"{base}ecrire/?repondre=diallo", form))
    assert "Message envoyé (dans la simulation seulement)." in sent.select_one(".messages").get_text()
    reported = follow(client, client.post(f"{base}agir/", {"do": "report", "message": "colis"}))
    assert [li.select_one(".sim-from").get_text() for li in reported.select(".sim-list li")] == [
        "Aïcha Diallo",
        "Service Livraison",
    ]  # the inbox, then « Indésirables »
    steps = WorkInProgress.objects.get(exercise=courriel, learner=trainee).steps
    assert [s["do"] for s in steps] == ["open", "send", "report"]
    response = client.post(courriel.get_absolute_url(), {"mode": "check"})
    submission = Submission.objects.get(exercise=courriel, learner=trainee)
    assert response["Location"].endswith(f"?soumission={submission.pk}#resultat")
    assert (submission.mode, submission.status, submission.score) == ("submit", "passed", 1.0)
    assert submission.answers == {"steps": steps}
    result = page(client.get(response["Location"]))
    assert "Bravo : la démarche est réussie !" in result.select_one("#resultat").get_text()


def test_a_wrong_reply_is_explained_and_recommencer_starts_again(client, trainee, courriel):
    client.force_login(trainee)
    base = f"/exercices/{courriel.pk}/simulation/"
    client.post(f"{base}ecrire/", {"to": "karim.benali@courriel-exemple.fr", "subject": "Attestation", "body": "."})
    client.post(f"{base}agir/", {"do": "open_link", "message": "colis", "link": "0"})
    client.post(courriel.get_absolute_url(), {})
    submission = Submission.objects.get(exercise=courriel, learner=trainee)
    assert submission.status == "failed" and submission.score == 0
    shown = page(client.get(f"{courriel.get_absolute_url()}?soumission={submission.pk}"))
    text = shown.select_one("#resultat").get_text(" ", strip=True)
    assert "cochez attestation.pdf dans « Mes documents »" in text and "n'ouvrez jamais son lien" in text
    assert shown.select_one("form.sim-restart") is not None
    client.post(f"{base}recommencer/", {})
    assert not WorkInProgress.objects.filter(exercise=courriel, learner=trainee).exists()
    assert Submission.objects.filter(exercise=courriel, learner=trainee).count() == 1  # the attempt stays
    again = page(client.get(courriel.get_absolute_url()))
    assert again.select_one("form.sim-restart") is None and again.select_one(".sim-steps") is None


def test_sending_before_doing_anything_is_refused_with_a_reason(client, trainee, courriel):
    client.force_login(trainee)
    response = client.post(courriel.get_absolute_url(), {"mode": "submit"})
    assert response.status_code == 400
    assert "Vous n'avez encore rien fait dans la simulation" in page_text(response)
    assert not Submission.objects.exists()


def page_text(response):
    return BeautifulSoup(response.content.decode(), "html.parser").get_text(" ", strip=True)


def test_the_simulator_refuses_a_wrong_address_and_a_forged_attachment(client, trainee, courriel):
    client.force_login(trainee)
    write = f"/exercices/{courriel.pk}/simulation/ecrire/"
    wrong = client.post(write, {"to": "mme diallo", "subject": "x", "body": "x"})
    assert wrong.status_code == 200
    assert "« mme diallo » n'est pas une adresse de messagerie" in page_text(wrong)
    forged = client.post(write, {"to": DIALLO, "attach": ["../secret.pdf"]})
    assert "Sélectionnez un choix valide" in page_text(forged)
    assert not WorkInProgress.objects.filter(exercise=courriel).exists()


def test_a_link_leads_to_a_simulated_page_with_its_address(client, trainee, courriel):
    client.force_login(trainee)
    base = f"/exercices/{courriel.pk}/simulation/"
    shown = follow(client, client.post(f"{base}agir/", {"do": "open_link", "message": "colis", "link": "0"}))
    assert shown.select_one(".sim-address code").get_text() == "http://livraison-colis-express.top/paiement"
    assert "numéro de carte bancaire" in shown.select_one(".sim-page-body").get_text()
    assert client.post(f"{base}agir/", {"do": "open_link", "message": "colis", "link": "7"}).status_code == 302
    assert [s["do"] for s in WorkInProgress.objects.get().steps] == ["open_link"]  # the wrong link: refused


def test_deleted_messages_and_unknown_buttons_are_not_found(client, trainee, courriel):
    client.force_login(trainee)
    base = f"/exercices/{courriel.pk}/simulation/"
    client.post(f"{base}agir/", {"do": "delete", "message": "colis"})
    assert client.get(f"{base}messages/colis/").status_code == 404
    assert client.get(f"{base}messages/colis/liens/0/").status_code == 404
    assert client.get(f"{base}messages/diallo/liens/0/").status_code == 404  # no such link
    assert client.post(f"{base}agir/", {"do": "send", "message": "diallo"}).status_code == 404
    assert client.get(f"{base}agir/").status_code == 405


def test_the_pages_check_access_like_the_exercise_page(client, trainee, other_trainee, courriel, module):
    base = f"/exercices/{courriel.pk}/simulation/"
    urls = [base, f"{base}messages/diallo/", f"{base}ecrire/", f"{base}messages/colis/liens/0/"]
    for url in urls:
        assert client.get(url)["Location"].startswith("/comptes/")
    client.force_login(other_trainee)  # not enrolled in the course
    for url in urls:
        assert client.get(url).status_code == 403, url
    for url in (f"{base}agir/", f"{base}recommencer/"):
        assert client.post(url, {"do": "report", "message": "colis"}).status_code == 403
    assert not WorkInProgress.objects.exists()
    other = load_exercise(module, "moyenne")
    client.force_login(trainee)
    assert client.get(f"/exercices/{other.pk}/simulation/").status_code == 404  # not a simulation


def test_a_receipt_is_only_its_learner_s(client, trainee, other_trainee, module):
    demarche = enrolled_in("simulation-demarche", module, trainee)
    base = f"/exercices/{demarche.pk}/simulation/"
    WorkInProgress.objects.create(exercise=demarche, learner=trainee, steps=SENT)
    client.force_login(trainee)
    assert client.get(f"{base}recepisse.pdf").status_code == 200
    Enrolment.objects.create(user=other_trainee, course=module.course)
    client.force_login(other_trainee)  # enrolled, but nothing sent: no receipt, and never the other's
    assert client.get(f"{base}recepisse.pdf").status_code == 404
    Enrolment.objects.filter(user=other_trainee).delete()
    assert client.get(f"{base}recepisse.pdf").status_code == 403
    urls = ["identification/", "formulaire/vous/", "recapitulatif/"]
    assert all(client.get(base + url).status_code == 403 for url in urls)


def test_the_trainer_reviews_the_steps_in_words(client, trainee, trainer, cohort, courriel):
    client.force_login(trainee)
    base = f"/exercices/{courriel.pk}/simulation/"
    client.get(f"{base}messages/diallo/")
    client.post(
        f"{base}ecrire/?repondre=diallo",
        {"to": DIALLO, "subject": "RE", "body": "Voici.", "attach": ["attestation.pdf"]},
    )
    client.post(courriel.get_absolute_url(), {})
    submission = Submission.objects.get()
    client.force_login(trainer)
    review = page(client.get(f"/exercices/soumissions/{submission.pk}/"))
    assert [li.get_text() for li in review.select(".sim-review li")] == [
        "Ouvre le message « Votre dossier de carte de bus »",
        "Envoie « RE » à a.diallo@mairie-exemple.fr — pièces jointes : attestation.pdf",
    ]


def test_the_sms_path_without_javascript(client, trainee, module):
    Enrolment.objects.create(user=trainee, course=module.course)
    sms = load_exercise(module, "simulation-sms")
    client.force_login(trainee)
    base = f"/exercices/{sms.pk}/simulation/"
    listed = page(client.get(base))
    assert len(listed.select(".sim-list li")) == 5
    message = page(client.get(f"{base}messages/colis/"))
    labels = [b.get_text(strip=True) for b in message.select(".sim-actions button")]
    assert labels == ["C'est fiable", "C'est une arnaque", "Signaler comme indésirable", "Supprimer"]
    for step in read_exercise(SMS).solution["steps"]:
        shown = follow(client, client.post(f"{base}agir/", step))
    assert "Message classé : fiable." in shown.select_one(".messages").get_text()
    client.post(sms.get_absolute_url(), {})
    assert Submission.objects.get(exercise=sms).status == "passed"


def test_the_simulator_pages_make_a_bounded_number_of_queries(client, trainee, courriel, django_assert_max_num_queries):
    client.force_login(trainee)
    base = f"/exercices/{courriel.pk}/simulation/"
    client.get(base)  # the session, once
    # session, user, exercise, access, steps, a mediator's request to follow (mode accompagné), the bell
    for url, most in ((base, 7), (f"{base}messages/colis/", 14), (f"{base}messages/colis/", 7), (f"{base}ecrire/", 7)):
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(12):  # the step kept in a transaction, its row locked
        assert client.post(f"{base}agir/", {"do": "report", "message": "colis"}).status_code == 302


def test_a_learner_cannot_record_more_steps_than_a_procedure_needs(client, trainee, courriel):
    WorkInProgress.objects.create(exercise=courriel, learner=trainee, steps=[{"do": "open", "message": "x"}] * 200)
    client.force_login(trainee)
    response = client.post(f"/exercices/{courriel.pk}/simulation/agir/", {"do": "report", "message": "colis"})
    shown = follow(client, response)
    assert "Trop d'étapes : recommencez la simulation." in shown.select_one(".messages").get_text()
    assert len(WorkInProgress.objects.get().steps) == 200


def test_a_trainer_authors_a_simulation_in_the_browser_and_tests_it(client, trainer, module):
    client.force_login(trainer)
    create = f"/exercices/atelier/{module.course.slug}/modules/{module.pk}/nouveau/?type=simulation"
    shown = page(client.get(create))
    assert shown.select_one("textarea[name=scenario]") is not None
    data = {**form_data("simulation", scenario=TOML), "check": "1"}
    response = client.post(create.split("?")[0], data)
    exercise = Exercise.objects.get(module=module, slug="exercice")
    assert response["Location"] == f"/exercices/atelier/{exercise.pk}/"
    checked = page(client.get(response["Location"]))
    text = checked.select_one("section.result-box").get_text(" ", strip=True)
    assert "Le parcours de référence remplit toutes les attentes." in text
    assert "Ne rien faire ne remplit pas les attentes, comme il se doit." in text
    assert checked.select_one("button[name=published][disabled]") is None  # verified: it may be published
    preview = checked.select_one("#scenario-preview").parent
    assert "Répondez à Mme Diallo" in preview.get_text() or "Diallo" in preview.get_text()
    assert [li.get_text() for li in preview.select("ol li")][-1].startswith("Signale comme indésirable")
    assert preview.select_one(f"a[href='/exercices/{exercise.pk}/simulation/']")
    assert client.get(f"/exercices/{exercise.pk}/simulation/").status_code == 200  # the author tries the draft
    refused = client.post(f"/exercices/atelier/{exercise.pk}/", {**data, "scenario": TOML.split("[[reference]]")[0]})
    assert refused.status_code == 200
    assert (
        "le parcours de référence ([[reference]]) manque"
        in page(refused).select_one("#id_scenario_error, .errorlist").get_text()
    )


# ---------------------------------------------------------------- booking an appointment

BOOKING = SIMULATIONS["simulation-rendez-vous"]
TUESDAY = {"do": "book", "practitioner": "dr-martin", "slot": "mardi 9 décembre, 10 h 15"}
CANCEL = {"do": "cancel", "appointment": "dentiste"}


def test_the_booking_reference_passes_and_doing_nothing_fails():
    assert grade(BOOKING, [TUESDAY, CANCEL]).status == "passed"
    assert [t.status for t in grade(BOOKING, []).tests] == ["failed", "failed", "failed"]


@pytest.mark.parametrize(
    ("steps", "failed"),
    [
        ([{**TUESDAY, "practitioner": "dr-nguyen", "slot": "lundi 8 décembre, 8 h 30"}, CANCEL], ["e0"]),
        ([{**TUESDAY, "slot": "lundi 8 décembre, 14 h 30"}, CANCEL], ["e0"]),  # the afternoon
        ([TUESDAY, {**TUESDAY, "slot": "lundi 8 décembre, 14 h 30"}, CANCEL], ["e1"]),  # two appointments
        ([TUESDAY], ["e2"]),  # the dentist forgotten
        ([TUESDAY, {"do": "cancel", "appointment": "rdv-1"}, CANCEL], ["e0", "e1"]),  # booked, then cancelled
    ],
)
def test_wrong_bookings_fail_with_their_explanation(steps, failed):
    result = grade(BOOKING, steps)
    assert [t.key for t in result.tests if t.status == "failed"] == failed
    assert all(t.message for t in result.tests if t.status == "failed")


@pytest.mark.parametrize(
    "forged",
    [
        {**TUESDAY, "slot": "lundi 8 décembre, 9 h 00"},  # taken
        {**TUESDAY, "slot": "dimanche, minuit"},  # not a slot
        {**TUESDAY, "practitioner": "dr-inconnu"},
        {"do": "cancel", "appointment": "rdv-9"},
        {"do": "book"},
    ],
)
def test_forged_bookings_change_nothing(forged):
    result = grade(BOOKING, [forged, TUESDAY, CANCEL])
    assert result.status == "passed"


def test_a_slot_cannot_be_booked_twice():
    spec = read_exercise(BOOKING)
    from exercises.kinds.simulation.simulators import SIMULATORS

    booking = SIMULATORS["booking"]
    scenario = spec.config["scenario"]
    state = booking.replay(scenario, [TUESDAY, TUESDAY])
    assert [b["slot"] for b in state["booked"]] == ["mardi 9 décembre, 10 h 15"]
    assert [p["id"] for p in booking.search(scenario, "generaliste VILLENEUVE")] == ["dr-martin"]
    assert [p["id"] for p in booking.search(scenario, "dentiste")] == ["dr-benhamou"]


def test_a_wrong_booking_scenario_is_refused_with_its_reason():
    text = (BOOKING / "simulation.toml").read_text(encoding="utf-8")
    errors = errors_of(text.replace('practitioner = "dr-benhamou"', 'practitioner = "dr-house"'))
    assert any("rendez-vous « dentiste » : praticien inconnu" in e for e in errors), errors
    errors = errors_of(text.replace('appointment = "dentiste"\nexplanation', 'appointment = "kine"\nexplanation'))
    assert any("rendez-vous inconnu : « kine »" in e for e in errors), errors
    errors = errors_of(text.replace('slot = "mardi 9 décembre, 10 h 15"\nexplanation', 'slot = "x"\nexplanation'))
    assert any("ne remplit pas l'attente « Un rendez-vous est pris" in e for e in errors), errors


def enrolled_in(name, module, learner):
    """A demo simulation in the module, its course followed by the learner."""
    Enrolment.objects.get_or_create(user=learner, course=module.course)
    return load_exercise(module, name)


@pytest.fixture
def booking(module, trainee):
    return enrolled_in("simulation-rendez-vous", module, trainee)


def test_booking_and_cancelling_without_javascript(client, trainee, booking):
    client.force_login(trainee)
    base = f"/exercices/{booking.pk}/simulation/"
    found = page(client.get(base, {"q": "généraliste villeneuve"}))
    assert [a.get_text(" ", strip=True) for a in found.select(".sim-list a")] == [
        "Dr Claire Martin Médecin généraliste"
    ]
    shown = page(client.get(f"{base}praticiens/dr-martin/"))
    assert [a.get_text(strip=True) for a in shown.select(".sim-slots a")] == [
        "lundi 8 décembre, 14 h 30",
        "mardi 9 décembre, 10 h 15",
    ]
    assert "lundi 8 décembre, 9 h 00 — pris" in shown.select_one(".sim-taken").get_text()
    confirm = page(client.get(shown.select(".sim-slots a")[1]["href"]))
    assert "mardi 9 décembre, 10 h 15" in confirm.select_one(".sim-summary").get_text()
    data = {i["name"]: i["value"] for i in confirm.select("form[method=post] input")}
    listed = follow(client, client.post(f"{base}agir/", data))
    assert "Rendez-vous confirmé (dans la simulation seulement)." in listed.select_one(".messages").get_text()
    assert len(listed.select(".sim-list li")) == 2  # the dentist's and the new one
    again = follow(client, client.post(f"{base}agir/", data))
    assert "Ce créneau n'est plus libre" in again.select_one(".messages").get_text()
    follow(client, client.post(f"{base}agir/", {"do": "cancel", "appointment": "dentiste"}))
    client.post(booking.get_absolute_url(), {})
    submission = Submission.objects.get(exercise=booking)
    assert (submission.status, submission.score) == ("passed", 1.0)


def test_booking_pages_exist_only_for_booking_scenarios(client, trainee, booking, courriel):
    client.force_login(trainee)
    assert client.get(f"/exercices/{courriel.pk}/simulation/rendez-vous/").status_code == 404
    assert client.get(f"/exercices/{courriel.pk}/simulation/praticiens/dr-martin/").status_code == 404
    base = f"/exercices/{booking.pk}/simulation/"
    assert client.get(f"{base}praticiens/dr-house/").status_code == 404
    assert client.get(f"{base}praticiens/dr-martin/confirmer/", {"creneau": "dimanche"}).status_code == 404
    assert client.get(f"{base}ecrire/").status_code == 404  # no mail in a booking site
    assert client.post(f"{base}agir/", {"do": "report", "message": "colis"}).status_code == 404


# ---------------------------------------------------------------- buying online

SHOP = SIMULATIONS["simulation-achat"]
ADD = {"do": "add", "product": "chargeur"}
PAY = {"do": "pay", "site": "electro-villeneuve"}
REPORT = {"do": "report_site", "site": "mega-promo"}
CARD = {
    "name": "Nadia Benali",
    "address": "1 rue de la Paix",
    "card": "4000 1234 5678 9010",
    "expiry": "08/29",
    "code": "123",
}


def test_the_shop_reference_passes_and_doing_nothing_fails():
    assert grade(SHOP, [ADD, PAY, REPORT]).status == "passed"
    assert [t.status for t in grade(SHOP, []).tests] == ["failed", "passed", "failed", "passed"]


@pytest.mark.parametrize(
    ("steps", "failed"),
    [
        ([{"do": "add", "product": "chargeur-promo"}, {"do": "pay", "site": "mega-promo"}, REPORT], ["e0", "e1"]),
        ([ADD, PAY], ["e2"]),  # the fraudulent site not reported
        ([ADD, PAY, REPORT, {"do": "report_site", "site": "electro-villeneuve"}], ["e3"]),
        ([ADD, {"do": "remove", "product": "chargeur"}, PAY, REPORT], ["e0"]),  # an empty cart cannot be paid
    ],
)
def test_wrong_purchases_fail_with_their_explanation(steps, failed):
    result = grade(SHOP, steps)
    assert [t.key for t in result.tests if t.status == "failed"] == failed
    assert all(t.message for t in result.tests if t.status == "failed")


@pytest.fixture
def shop(module, trainee):
    return enrolled_in("simulation-achat", module, trainee)


def test_buying_on_the_right_site_without_javascript_keeps_no_card_number(client, trainee, shop):
    client.force_login(trainee)
    base = f"/exercices/{shop.pk}/simulation/"
    results = page(client.get(base))
    assert [c.get_text() for c in results.select(".sim-list code")] == [
        "https://www.electro-villeneuve.fr",
        "http://mega-promo-destockage.shop-discount.xyz",
    ]
    fraud = page(client.get(f"{base}sites/mega-promo/"))
    assert "Plus que 3 articles" in fraud.select_one(".notice").get_text()
    follow(client, client.post(f"{base}agir/", {"do": "report_site", "site": "mega-promo"}))
    in_cart = follow(client, client.post(f"{base}agir/", {"do": "add", "product": "chargeur"}))
    assert "Chargeur USB-C 20 W — 19,90 €" in in_cart.select_one(".sim-list").get_text()
    checkout = f"{base}sites/electro-villeneuve/paiement/"
    refused = page(client.post(checkout, {**CARD, "card": "1234", "expiry": "13/29"}))
    errors = [e.get_text(strip=True) for e in refused.select("form .errorlist")]
    assert errors == [
        "Un numéro de carte a 16 chiffres (les espaces sont permis).",
        "Écrivez la date comme sur la carte : 08/29.",
    ]
    paid = follow(client, client.post(checkout, CARD))
    assert "Paiement accepté (simulation : aucun argent n’a été pris)." in paid.select_one(".messages").get_text()
    steps = WorkInProgress.objects.get(exercise=shop).steps
    assert steps[-1] == {"do": "pay", "site": "electro-villeneuve"}
    assert "4000" not in json.dumps(steps) and "123" not in json.dumps(steps)  # nothing typed is kept
    client.post(shop.get_absolute_url(), {})
    assert Submission.objects.get(exercise=shop).status == "passed"


def test_paying_with_an_empty_cart_is_refused(client, trainee, shop):
    client.force_login(trainee)
    response = client.post(f"/exercices/{shop.pk}/simulation/sites/mega-promo/paiement/", CARD)
    assert response.status_code == 200 and "Le panier est vide." in page(response).get_text()
    assert not WorkInProgress.objects.filter(exercise=shop).exists()


def test_shop_pages_exist_only_for_shop_scenarios(client, trainee, shop, courriel):
    client.force_login(trainee)
    assert client.get(f"/exercices/{courriel.pk}/simulation/panier/").status_code == 404
    assert client.get(f"/exercices/{shop.pk}/simulation/sites/inconnu/").status_code == 404
    assert client.post(f"/exercices/{shop.pk}/simulation/agir/", {"do": "pay", "site": "mega-promo"}).status_code == 404


# ---------------------------------------------------------------- a public-service procedure

DEMARCHE = SIMULATIONS["simulation-demarche"]
COMPTE = SIMULATIONS["simulation-compte"]
SIGN_IN = {"do": "sign_in", "via": "provider"}
VOUS = {
    "nom": "Benali",
    "prenom": "Aïcha",
    "naissance": "14/02/1981",
    "telephone": "06 21 43 65 87",
    "courriel": "aicha.benali@exemple.fr",
}
ADRESSE = {
    "rue": "12 rue des Lilas",
    "code-postal": "95000",
    "ville": "Villeneuve",
    "situation": "En recherche d'emploi",
}
FACTURE = {"justificatif": "facture-electricite-novembre.pdf"}


def fill(page, values):
    return {"do": "fill", "page": page, "values": values}


SENT = [
    SIGN_IN,
    fill("vous", VOUS),
    fill("adresse", ADRESSE),
    fill("justificatif", FACTURE),
    {"do": "submit", "certify": True},
]


def test_the_procedure_reference_passes_and_doing_nothing_fails():
    assert grade(DEMARCHE, [*SENT, {"do": "download_receipt"}]).status == "passed"
    assert {t.status for t in grade(DEMARCHE, []).tests} == {"failed"}
    compte = read_exercise(COMPTE)
    assert kind_of("simulation").grade(compte, compte.solution).status == "passed"


@pytest.mark.parametrize(
    ("steps", "failed"),
    [
        (SENT, ["e6"]),  # the receipt not downloaded
        (
            [SIGN_IN, fill("vous", {**VOUS, "naissance": "02/14/1981"})],  # month and day swapped: refused
            ["e1", "e2", "e3", "e4", "e5", "e6"],
        ),
        (
            [*SENT[:3], fill("justificatif", {"justificatif": "carte-identite.jpg"}), *SENT[4:]],
            ["e4", "e6"],  # the identity card does not prove an address
        ),
        (
            [*SENT[:3], fill("justificatif", {"justificatif": "scan-facture-electricite.pdf"}), *SENT[4:]],
            ["e4", "e5", "e6"],  # too heavy: refused, so nothing could be sent
        ),
        ([*SENT[:4], {"do": "submit", "certify": False}], ["e5", "e6"]),  # not certified: not sent
        ([fill("vous", VOUS), *SENT[2:]], ["e0", "e1", "e2", "e3", "e4", "e5", "e6"]),  # not signed in
        ([SIGN_IN, fill("adresse", ADRESSE), *SENT[1:]], ["e6"]),  # a later step first is refused, then done right
    ],
)
def test_wrong_procedures_fail_with_their_explanation(steps, failed):
    result = grade(DEMARCHE, steps)
    assert [t.key for t in result.tests if t.status == "failed"] == failed
    assert all(t.message for t in result.tests if t.status == "failed")


@pytest.mark.parametrize(
    "forged",
    [
        [{"do": "sign_in", "via": "account"}, *SENT[1:]],  # no account was created
        [{"do": "create_account", "email": "x@y.fr"}, *SENT[1:]],  # this portal has no accounts
        [SIGN_IN, fill("vous", {**VOUS, "extra": "1"}), *SENT[2:]],
        [SIGN_IN, fill("vous", {**VOUS, "nom": "x" * 500}), *SENT[2:]],
        [SIGN_IN, fill("vous", {**VOUS, "nom": ["Benali"]}), *SENT[2:]],
        [SIGN_IN, {"do": "download_receipt"}],
    ],
)
def test_forged_procedure_steps_change_nothing(forged):
    assert grade(DEMARCHE, forged).status == "failed"


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("naissance", "14-02-1981", "Écrivez la date sous la forme JJ/MM/AAAA"),
        ("naissance", "31/02/1981", "Cette date n'existe pas"),
        ("telephone", "06 21 43", "Un numéro de téléphone a 10 chiffres"),
        ("courriel", "aicha.benali", "Écrivez une adresse électronique complète"),
        ("code-postal", "950", "Un code postal a 5 chiffres"),
        ("justificatif", "photo-facture.heic", "Ce format de fichier n'est pas accepté : PDF, JPG, PNG seulement."),
        ("justificatif", "scan-facture-electricite.pdf", "Ce fichier est trop lourd (12.4 Mo) : 5.0 Mo au maximum."),
        ("nom", "  ", "Ce champ est obligatoire."),
    ],
)
def test_the_form_explains_each_refused_value(field, value, error):
    from exercises.kinds.simulation.simulators import SIMULATORS

    scenario = read_exercise(DEMARCHE).config["scenario"]
    simulator = SIMULATORS["procedure"]
    assert error in simulator.field_error(scenario, simulator.field(scenario, field), value)


def test_equal_answers_are_compared_as_people_write_them():
    variants = {**VOUS, "telephone": "+33 6 21 43 65 87", "naissance": "14/2/1981", "nom": " BENALI "}
    steps = [SIGN_IN, fill("vous", variants), *SENT[2:], {"do": "download_receipt"}]
    assert grade(DEMARCHE, steps).status == "passed"


def test_a_wrong_procedure_scenario_is_refused_with_its_reason():
    text = (DEMARCHE / "simulation.toml").read_text(encoding="utf-8")
    errors = errors_of(text.replace('type = "postcode"', 'type = "zipcode"'))
    assert any("champ « code-postal » : type inconnu « zipcode »" in e for e in errors), errors
    errors = errors_of(text.replace('field = "situation"\nvalue', 'field = "statut"\nvalue'))
    assert any("champ inconnu : « statut »" in e for e in errors), errors
    errors = errors_of(text.replace('document = "facture-electricite-novembre.pdf"', 'document = "facture.pdf"'))
    assert any("document inconnu : « facture.pdf »" in e for e in errors), errors
    errors = errors_of(text.replace('[provider]\nname = "Connexion Citoyenne"', '[nobody]\nname = "x"'))
    assert any("personne ne peut se connecter" in e for e in errors), errors


@pytest.fixture
def demarche(module, trainee):
    return enrolled_in("simulation-demarche", module, trainee)


def form_of(response):
    """The values a browser would send for the page's form (its inputs' current values)."""
    form = page(response).select_one("main form[method=post]:not([action])")
    data = {i["name"]: i.get("value", "") for i in form.select("input") if i.get("type") not in ("radio", "checkbox")}
    data.update({i["name"]: i["value"] for i in form.select("input[type=radio][checked]")})
    return data


def test_the_whole_procedure_without_javascript_keeps_no_password(client, trainee, demarche):
    client.force_login(trainee)
    base = f"/exercices/{demarche.pk}/simulation/"
    home = page(client.get(base))
    assert "Aïcha Benali" in home.select_one(".sim-task").get_text()
    assert client.get(f"{base}formulaire/vous/").status_code == 302  # not signed in yet
    provider = f"{base}identification/"
    assert "https://connexion-citoyenne.exemple.fr" in page(client.get(provider)).select_one(".sim-address").get_text()
    wrong = page(client.post(provider, {"login": "aicha.benali@exemple.fr", "password": "lilas-2026"}))
    assert "Identifiant ou mot de passe incorrect." in wrong.select_one(".errorlist").get_text()
    consent = follow(client, client.post(provider, {"login": "Aicha.Benali@exemple.fr", "password": "Lilas-2026"}))
    assert "Connexion Citoyenne transmet à Portail des démarches de Villeneuve" in consent.get_text()
    refused = page(
        client.post(f"{base}formulaire/vous/", {**VOUS, "naissance": "14 février 1981", "telephone": "0621"})
    )
    assert [e.get_text(strip=True) for e in refused.select("form .errorlist")] == [
        "Écrivez la date sous la forme JJ/MM/AAAA, par exemple 05/03/1990.",
        "Un numéro de téléphone a 10 chiffres, par exemple 06 12 34 56 78.",
    ]
    assert refused.select_one("#id_nom")["value"] == "Benali"  # nothing typed is lost
    response = client.post(f"{base}formulaire/vous/", VOUS)
    assert response.url == f"{base}formulaire/adresse/"
    assert client.post(response.url, ADRESSE).url == f"{base}formulaire/justificatif/"
    choose = page(client.get(f"{base}formulaire/justificatif/"))
    assert "photo-facture.heic (HEIC, 3.4 Mo)" in choose.get_text()
    heavy = page(client.post(f"{base}formulaire/justificatif/", {"justificatif": "scan-facture-electricite.pdf"}))
    assert "Ce fichier est trop lourd (12.4 Mo) : 5.0 Mo au maximum." in heavy.select_one(".errorlist").get_text()
    summary = follow(client, client.post(f"{base}formulaire/justificatif/", FACTURE))
    assert "14/02/1981" in summary.select_one(".sim-page .sim-summary").get_text()
    not_certified = follow(client, client.post(f"{base}agir/", {"do": "submit"}))
    assert "Cochez la case « Je certifie… »" in not_certified.select_one(".messages").get_text()
    sent = follow(client, client.post(f"{base}agir/", {"do": "submit", "certify": "on"}))
    number = sent.select_one(".sim-page strong").get_text()
    assert re.fullmatch(r"CTS-\d{6}", number)
    pdf = client.get(f"{base}recepisse.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert f"recepisse-{number}.pdf" in pdf["Content-Disposition"]
    assert client.post(f"{base}formulaire/vous/", VOUS).url == f"{base}recapitulatif/"  # sent: no more changes
    steps = WorkInProgress.objects.get(exercise=demarche).steps
    assert [s["do"] for s in steps] == ["sign_in", "fill", "fill", "fill", "submit", "download_receipt"]
    assert "Lilas-2026" not in json.dumps(steps)  # the password is nowhere
    client.post(demarche.get_absolute_url(), {})
    assert Submission.objects.get(exercise=demarche).status == "passed"


def test_creating_an_account_checks_the_password_and_keeps_only_the_address(client, trainee, module):
    compte = enrolled_in("simulation-compte", module, trainee)
    client.force_login(trainee)
    base = f"/exercices/{compte.pk}/simulation/"
    assert client.get(f"{base}identification/").status_code == 404  # no identity provider here
    account = f"{base}creer-un-compte/"
    weak = page(client.post(account, {"email": "karim.mansouri@", "password": "soleil", "password2": "soleil"}))
    assert [e.get_text(strip=True) for e in weak.select("form .errorlist")] == [
        "Écrivez une adresse électronique complète, par exemple nom@exemple.fr.",
        "Le mot de passe est trop court : au moins 12 caractères.",
    ]
    different = {"email": "karim.mansouri@exemple.fr", "password": "Soleil-de-2026", "password2": "Soleil-de-2025"}
    assert "Les deux mots de passe ne sont pas identiques." in page(client.post(account, different)).get_text()
    home = follow(client, client.post(account, {**different, "password2": "Soleil-de-2026"}))
    assert "Connecté avec le compte karim.mansouri@exemple.fr" in home.select_one(".sim-site").get_text()
    assert "Soleil" not in json.dumps(WorkInProgress.objects.get(exercise=compte).steps)


def test_procedure_pages_exist_only_for_procedure_scenarios(client, trainee, demarche, courriel):
    client.force_login(trainee)
    assert client.get(f"/exercices/{courriel.pk}/simulation/recapitulatif/").status_code == 404
    assert client.get(f"/exercices/{courriel.pk}/simulation/identification/").status_code == 404
    base = f"/exercices/{demarche.pk}/simulation/"
    assert client.get(f"{base}creer-un-compte/").status_code == 404  # this portal signs in through the provider
    assert client.get(f"{base}recepisse.pdf").status_code == 404  # nothing sent yet
    client.post(f"{base}identification/", {"login": "aicha.benali@exemple.fr", "password": "Lilas-2026"})
    assert client.get(f"{base}formulaire/inconnue/").status_code == 404
    assert client.post(f"{base}agir/", {"do": "sign_in", "via": "provider"}).status_code == 404  # pages only


# ---------------------------------------------------------------- mode accompagné: following live


@pytest.fixture
def workshop(mediator, resident, mediation_site):
    from accounts.models import Cohort
    from accounts.services import cohort_create

    group = cohort_create(name="Atelier du mardi", site=mediation_site, trainer=mediator, kind=Cohort.Kind.WORKSHOP)
    group.learners.add(resident)
    return group


@pytest.fixture
def followed(module, resident, workshop):
    return enrolled_in("simulation-demarche", module, resident)


def test_a_mediator_follows_a_simulation_live_once_the_resident_agrees(client, mediator, resident, followed):
    base = f"/exercices/{followed.pk}/simulation/"
    client.force_login(resident)
    client.post(f"{base}identification/", {"login": "aicha.benali@exemple.fr", "password": "Lilas-2026"})
    client.force_login(mediator)
    listed = page(client.get("/exercices/simulations/accompagner/"))
    assert "Simulation : faire une demande en ligne avec un justificatif" in listed.select_one(".sim-list").get_text()
    ask = listed.select_one(".sim-list form")["action"]
    follow_url = client.post(ask).url
    waiting = page(client.get(follow_url))
    assert "En attente de l’accord" in waiting.select_one("#suivi").get_text()
    assert "S'identifie" not in waiting.get_text()  # nothing of the steps before the agreement

    client.force_login(resident)
    question = page(client.get(base)).select_one(".sim-accompany")
    assert "demande à suivre votre démarche en direct" in question.get_text()
    data = {i["name"]: i["value"] for i in question.select("input")}
    agreed = client.post(question.select_one("form")["action"], {**data, "answer": "accept"})
    assert agreed.url == base  # back where the question was asked
    assert "suit votre démarche en direct" in page(client.get(base)).select_one(".sim-accompany").get_text()
    client.post(f"{base}formulaire/vous/", VOUS)

    client.force_login(mediator)
    live = page(client.get(follow_url)).select_one("#suivi")
    assert [li.get_text() for li in live.select("ol li")] == [
        "S'identifie avec Connexion Citoyenne",
        "Remplit l'étape « Vous »",
    ]
    checks = [li.get_text(" ", strip=True) for li in live.select(".sim-checks li")]
    assert checks[:2] == [
        "Oui — Vous êtes identifiée avec Connexion Citoyenne",
        "Oui — La date de naissance est juste",
    ]
    assert checks[-1] == "Pas encore — Le récépissé est téléchargé"
    assert live["hx-trigger"] == "every 5s"  # htmx refreshes; « Mettre à jour » without JavaScript

    client.force_login(resident)
    stop = page(client.get(followed.get_absolute_url())).select_one(".sim-accompany form")
    response = client.post(stop["action"], {"answer": "end", "next": "https://ailleurs.example/"})
    assert response.url == followed.get_absolute_url()  # never sent elsewhere
    client.force_login(mediator)
    ended = page(client.get(follow_url)).select_one("#suivi")
    assert "Le suivi est terminé." in ended.get_text() and not ended.select("ol")


def test_following_needs_the_group_the_agreement_and_a_live_request(
    client, mediator, resident, followed, trainee, other_trainer
):
    from exercises.models import Accompaniment

    base = f"/exercices/{followed.pk}/simulation/"
    ask, follow_url = f"{base}accompagner/{resident.pk}/", f"{base}suivre/{resident.pk}/"
    client.force_login(other_trainer)  # not in charge of this resident
    assert client.post(ask).status_code == 403
    assert client.get(follow_url).status_code == 404
    client.force_login(trainee)  # a learner follows no one
    assert client.get("/exercices/simulations/accompagner/").status_code == 403
    assert client.post(ask).status_code == 403
    client.force_login(mediator)
    client.post(ask)
    asked = Accompaniment.objects.get()
    client.force_login(trainee)  # someone else cannot answer for the resident
    answer = f"{base}accord/{asked.pk}/"
    assert client.post(answer, {"answer": "accept"}).status_code == 404
    client.force_login(resident)
    assert client.post(answer, {"answer": "maybe"}).status_code == 404
    assert client.post(answer, {"answer": "refuse"}).url == followed.get_absolute_url()
    client.force_login(mediator)
    refused = page(client.get(follow_url)).select_one("#suivi").get_text()
    assert "préfère ne pas être suivi·e" in refused
    client.post(ask)  # asking again renews the question
    client.force_login(resident)
    client.post(answer, {"answer": "accept"})
    Accompaniment.objects.update(asked_at=timezone.now() - datetime.timedelta(hours=4))  # a workshop later
    assert not page(client.get(base)).select(".sim-accompany")
    client.force_login(mediator)
    assert "Le suivi est terminé." in page(client.get(follow_url)).select_one("#suivi").get_text()
    other = load_exercise(followed.module, "moyenne")
    assert client.post(f"/exercices/{other.pk}/simulation/accompagner/{resident.pk}/").status_code == 404


# ---------------------------------------------------------------- written by a mediator for their group


def test_a_mediator_writes_a_simulation_for_their_group_only(client, mediator, resident, workshop, module):
    from accounts.models import Role
    from tests.conftest import make_user

    client.force_login(mediator)
    group_page = page(client.get(workshop.get_absolute_url()))
    simulations = group_page.select_one(f"a[href='/exercices/groupes/{workshop.pk}/simulations/']")["href"]
    assert not page(client.get(simulations)).select(".breadcrumb ~ ul a")  # nothing written, nothing made yet
    new = client.post(simulations).url
    assert "?type=simulation" in new
    chooser = client.get(new.split("?")[0])  # only one kind for a mediator: no chooser, the simulation's form
    assert page(chooser).select_one("textarea[name=scenario]") is not None
    assert client.get(new.split("?")[0] + "?type=python").status_code == 403  # not other kinds
    data = {**form_data("simulation", scenario=TOML), "check": "1"}
    edit = client.post(new.split("?")[0], data)["Location"]
    exercise = Exercise.objects.get(slug="exercice", module__course__slug=f"groupe-{workshop.pk}")
    checked = page(client.get(edit))
    assert "Le parcours de référence remplit toutes les attentes." in checked.select_one(".result-box").get_text()
    assert checked.select_one(".breadcrumb a")["href"] == simulations
    assert client.get(f"/exercices/{exercise.pk}/simulation/").status_code == 200  # tries the draft
    assert client.post(f"/exercices/atelier/{exercise.pk}/publier/", {"published": "1"}).status_code == 302
    exercise.refresh_from_db()
    assert exercise.is_published

    client.force_login(resident)  # the group's resident finds it in their courses and does it
    dashboard = page(client.get("/comptes/tableau-de-bord/")).get_text()
    assert "Exercices du groupe « Atelier du mardi »" in dashboard
    assert client.get(exercise.get_absolute_url()).status_code == 200
    assert client.get("/cours/").status_code == 200
    assert "Exercices du groupe" not in page(client.get("/cours/")).get_text()  # not in the catalogue
    assert client.get(f"/exercices/atelier/{exercise.pk}/").status_code == 403

    stranger = make_user("ailleurs", Role.RESIDENT)
    client.force_login(stranger)  # outside the group: no course page, no exercise
    assert client.get(f"/cours/groupe-{workshop.pk}/").status_code == 404
    assert client.get(exercise.get_absolute_url()).status_code in (403, 404)


def test_a_mediator_writes_nothing_else_and_nowhere_else(client, mediator, workshop, module, other_trainer):
    client.force_login(mediator)
    course = module.course  # a course the mediator does not author
    assert (
        client.get(f"/exercices/atelier/{course.slug}/modules/{module.pk}/nouveau/?type=simulation").status_code == 403
    )
    other = load_exercise(module, "simulation-courriel")
    assert client.get(f"/exercices/atelier/{other.pk}/").status_code == 403
    assert client.post(f"/exercices/atelier/{other.pk}/publier/", {"published": "0"}).status_code == 403
    client.post(f"/exercices/groupes/{workshop.pk}/simulations/")
    python = load_exercise(module, "moyenne")
    python.module = module.course.modules.model.objects.get(course__slug=f"groupe-{workshop.pk}")
    python.save()  # a python exercise in the group's course (put there by a coordinator, say)
    assert client.get(f"/exercices/atelier/{python.pk}/").status_code == 403  # not its kind
    client.force_login(other_trainer)  # not this group's
    assert client.get(f"/exercices/groupes/{workshop.pk}/simulations/").status_code == 404
    assert client.post(f"/exercices/groupes/{workshop.pk}/simulations/").status_code == 404
    assert client.get(f"/exercices/atelier/groupe-{workshop.pk}/modules/{python.module_id}/nouveau/").status_code == 403
