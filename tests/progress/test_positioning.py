"""« Par où commencer ? »: the positioning test read from its package (file:line errors), scored per area,
the recommendations its rules give, taken without JavaScript, and its result seen by its person and, with
their agreement, by their mediator."""

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command

from progress import positioning
from progress.models import Placement, PositioningTest

FOLDER = Path(__file__).resolve().parents[2] / "content" / "positionnement"
TEXT = (FOLDER / "positioning.toml").read_text(encoding="utf-8")
RIGHT = {
    "lire-courriel": "2",
    "piece-jointe": "2",
    "adresse": "0",
    "se-connecter": "2",
    "rendez-vous": "2",
    "site-officiel": "0",
    "sms-colis": "1",
    "courriel-banque": "1",
    "reconnaitre": "2",
    "mot-de-passe": "2",
    "page-paiement": "1",
    "ordinateur-partage": "2",
}
UNSURE = {key: ("0" if value == "2" else "?") for key, value in RIGHT.items()}


def errors_of(tmp_path, text):
    (tmp_path / "positioning.toml").write_text(text, encoding="utf-8")
    with pytest.raises(positioning.PositioningError) as info:
        positioning.read_positioning(tmp_path)
    return info.value.errors


@pytest.fixture
def test(demo_content):
    call_command("import_positioning", "content", stdout=io.StringIO())
    return PositioningTest.objects.get()


def page(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


# ---------------------------------------------------------------- the package


def test_the_demo_test_is_read_with_its_areas_questions_and_rules():
    spec = positioning.read_positioning(FOLDER)
    assert [a["id"] for a in spec["areas"]] == ["courriel", "demarches", "arnaques", "donnees"]
    assert len(spec["questions"]) == 12
    assert {q["kind"] for q in spec["questions"]} == {"can", "choice", "task"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('kind = "can"', 'kind = "maybe"', 1), "question « lire-courriel » : « kind » vaut can, choice, task"),
        (('area = "donnees"\nkind = "choice"', 'area = "dodo"\nkind = "choice"', 1), "domaine inconnu « dodo »"),
        (("answer = 2", "answer = 3", 1), "« answer » est le numéro de la bonne réponse"),
        (('kind = "sms"', 'kind = "fax"', 1), "[questions.screen] a « kind » (sms, mail, site) et « text »"),
        (("below = 0.5\n", "below = 5\n", 1), "« below » est une part entre 0 et 1"),
        (
            ('title = "Le courriel"', 'title = "Le courriel"\n[[areas]]\nid = "vide"\ntitle = "x"', 1),
            "« vide » n'a aucune",
        ),
    ],
)
def test_a_wrong_test_is_refused_with_its_line_and_reason(tmp_path, change, expected):
    old, new, count = change
    assert old in TEXT
    errors = errors_of(tmp_path, TEXT.replace(old, new, count))
    assert any(expected in e and e.startswith(f"{tmp_path}/positioning.toml:") for e in errors), errors
    line = int(next(e for e in errors if expected in e).split(":")[1])
    assert line > 1  # the line of the problem, not the file's first


def test_invalid_toml_and_a_missing_file_are_explained(tmp_path):
    assert "positioning.toml manquant" in str(
        pytest.raises(positioning.PositioningError, positioning.read_positioning, tmp_path).value
    )
    assert ":3: TOML invalide" in errors_of(tmp_path, 'title = "x"\nintro = "y"\n[[areas]\n')[0]


def test_importing_needs_its_courses_and_is_idempotent(db, demo_content):
    out = io.StringIO()
    call_command("import_positioning", "content", stdout=out)
    call_command("import_positioning", str(FOLDER), stdout=out)
    assert PositioningTest.objects.count() == 1 and "12 question(s), imported" in out.getvalue()


def test_a_rule_naming_an_unknown_course_or_module_is_refused(db, demo_content, tmp_path):
    (tmp_path / "positioning.toml").write_text(TEXT.replace('module = "proteger-ses-donnees"', 'module = "x"'), "utf-8")
    with pytest.raises(CommandError):
        call_command("import_positioning", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not PositioningTest.objects.exists()


# ---------------------------------------------------------------- scoring and recommending


def test_the_recommendations_follow_the_levels():
    spec = positioning.read_positioning(FOLDER)
    everything = positioning.recommendations(spec, positioning.levels(spec, UNSURE))
    assert [(r["course"], r["module"]) for r in everything] == [
        ("premiers-pas-courriel", ""),  # the whole course
        ("demarches-en-ligne-arnaques", "demarches-administratives"),
        ("demarches-en-ligne-arnaques", "reperer-les-arnaques"),
        ("demarches-en-ligne-arnaques", "proteger-ses-donnees"),
    ]
    assert positioning.recommendations(spec, positioning.levels(spec, RIGHT)) == []
    halfway = {**RIGHT, "piece-jointe": "0", "adresse": "?"}  # 2 of 6 points... and 4 of 6
    assert positioning.levels(spec, halfway)["courriel"] == 0.33
    halfway["adresse"] = "0"
    assert positioning.levels(spec, halfway)["courriel"] == 0.67
    assert [r["module"] for r in positioning.recommendations(spec, positioning.levels(spec, halfway))] == [
        "lire-et-ecrire-un-message"
    ]
    assert positioning.level_name(0.2) == "À découvrir" and positioning.level_name(1.0) == "À l’aise"


# ---------------------------------------------------------------- taking it, without JavaScript


def test_a_resident_takes_the_test_and_sees_where_to_start(client, resident, test):
    client.force_login(resident)
    dashboard = page(client.get("/comptes/tableau-de-bord/"))
    assert dashboard.select_one("a[href='/parcours/positionnement/']")
    start = page(client.get("/parcours/positionnement/"))
    form_url = start.select_one("main a.button")["href"]
    shown = page(client.get(form_url))
    assert len(shown.select(".positioning-questions > li")) == 12
    assert "http://suivi-colis-livraison.top" in shown.select_one(".sim-bubble").get_text()
    assert "Je ne sais pas" in shown.get_text()
    partial = {**UNSURE}
    del partial["sms-colis"]
    refused = page(client.post(form_url, partial))
    assert (
        "Répondez à cette question (ou choisissez « Je ne sais pas »)." in refused.select_one(".field-error").get_text()
    )
    assert refused.select_one("input[name=adresse][value='?']").has_attr("checked")  # nothing typed is lost
    assert not Placement.objects.exists()
    result = client.post(form_url, UNSURE)
    shown = page(client.get(result.url))
    links = [a["href"] for a in shown.select(".advice a")]
    assert links == [
        "/cours/premiers-pas-courriel/",
        "/cours/demarches-en-ligne-arnaques/#m-demarches-administratives",
        "/cours/demarches-en-ligne-arnaques/#m-reperer-les-arnaques",
        "/cours/demarches-en-ligne-arnaques/#m-proteger-ses-donnees",
    ]
    assert [td.get_text() for td in shown.select("tbody td")] == ["À découvrir"] * 4
    course = page(client.get("/cours/demarches-en-ligne-arnaques/"))
    assert course.select_one("#m-reperer-les-arnaques")  # the link's anchor exists
    placement = Placement.objects.get()
    assert placement.answers == UNSURE and placement.levels["arnaques"] == 0.0


def test_all_right_says_so_in_plain_words(client, resident, test):
    client.force_login(resident)
    shown = page(client.get(client.post("/parcours/positionnement/positionnement/", RIGHT).url))
    assert "Vous êtes à l'aise partout" in shown.get_text() and not shown.select(".advice")


def test_the_result_is_its_person_s_and_their_mediator_s_only_with_agreement(
    client, resident, mediator, mediation_site, other_trainee, coordinator, test
):
    from accounts.models import Cohort
    from accounts.services import cohort_create

    group = cohort_create(name="Atelier", site=mediation_site, trainer=mediator, kind=Cohort.Kind.WORKSHOP)
    group.learners.add(resident)
    client.force_login(resident)
    url = client.post("/parcours/positionnement/positionnement/", UNSURE).url
    client.force_login(other_trainee)
    assert client.get(url).status_code == 404
    client.force_login(mediator)
    assert client.get(url).status_code == 404  # not shared
    resident.shares_progress = True
    resident.save()
    assert client.get(url).status_code == 200
    listed = page(client.get("/parcours/accompagnement/"))
    assert listed.select_one(f"a[href='{url}']")
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url)["Location"].startswith("/comptes/")
    assert client.get("/parcours/positionnement/inconnu/").status_code == 302
    client.force_login(resident)
    assert client.get("/parcours/positionnement/inconnu/").status_code == 404


# ---------------------------------------------------------------- written in the browser, for one's groups

MINI = """title = "Avant l'atelier du mardi"
intro = "Trois questions."

[[areas]]
id = "courriel"
title = "Le courriel"

[[questions]]
id = "envoyer"
area = "courriel"
kind = "can"
text = "Je sais envoyer un courriel."

[[questions]]
id = "sms"
area = "courriel"
kind = "task"
text = "Que faites-vous de ce SMS ?"
choices = ["J'ouvre le lien", "Je le supprime"]
answer = 1

[questions.screen]
kind = "sms"
from = "COLIS"
text = "Payez 1 euro : http://colis.top"

[[rules]]
area = "courriel"
below = 0.85
course = "premiers-pas-courriel"
text = "Commencez par le courriel."
"""


@pytest.fixture
def group(mediator, resident, mediation_site):
    from accounts.models import Cohort
    from accounts.services import cohort_create

    workshop = cohort_create(name="Atelier du mardi", site=mediation_site, trainer=mediator, kind=Cohort.Kind.WORKSHOP)
    workshop.learners.add(resident)
    return workshop


def test_a_mediator_writes_a_test_for_their_group_with_a_preview(client, mediator, resident, group, demo_content):
    from accounts.models import Role
    from tests.conftest import make_user

    client.force_login(mediator)
    create = "/parcours/positionnement/atelier/nouveau/"
    shown = page(client.get(create))
    assert [label.get_text(strip=True) for label in shown.select("#id_cohorts label")] == ["Atelier du mardi"]
    data = {"slug": "avant-mardi", "cohorts": [group.pk], "source": MINI}
    preview = page(client.post(create, {**data, "preview": "1"}))
    assert "COLIS" in preview.select_one("#preview-title").parent.get_text()
    assert len(preview.select("#preview-title ~ ol .field")) == 2
    assert not PositioningTest.objects.exists()  # a preview saves nothing
    edit = client.post(create, data).url
    test = PositioningTest.objects.get(slug="avant-mardi")
    assert (test.author, list(test.cohorts.all()), test.spec["title"]) == (
        mediator,
        [group],
        "Avant l'atelier du mardi",
    )
    assert page(client.get(edit)).select_one("textarea[name=source]").get_text().strip().startswith("title =")
    client.force_login(resident)  # the group's resident sees it and takes it
    assert page(client.get("/parcours/positionnement/")).select_one("a[href='/parcours/positionnement/avant-mardi/']")
    result = client.post("/parcours/positionnement/avant-mardi/", {"envoyer": "0", "sms": "0"})
    assert "Commencez par le courriel." in page(client.get(result.url)).get_text()
    stranger = make_user("ailleurs", Role.RESIDENT)
    client.force_login(stranger)  # someone outside the group does not
    assert not page(client.get("/parcours/positionnement/")).select("a[href='/parcours/positionnement/avant-mardi/']")
    assert client.get("/parcours/positionnement/avant-mardi/").status_code == 404
    assert client.get("/parcours/positionnement/atelier/").status_code == 403


def test_a_written_test_is_checked_and_stays_in_its_author_s_groups(
    client, mediator, group, demo_content, other_trainer, other_cohort, coordinator
):
    client.force_login(mediator)
    create = "/parcours/positionnement/atelier/nouveau/"
    data = {"slug": "avant-mardi", "cohorts": [group.pk], "source": MINI}
    wrong = page(client.post(create, {**data, "source": MINI.replace("answer = 1", "answer = 5")}))
    assert (
        "positioning.toml:20: question « sms » : « answer » est le numéro" in wrong.select_one(".errorlist").get_text()
    )
    unknown = page(client.post(create, {**data, "source": MINI.replace('"premiers-pas-courriel"', '"cuisine"')}))
    assert "cours inconnu « cuisine »" in unknown.get_text()
    nobody = page(client.post(create, {**data, "cohorts": []}))
    assert "Choisissez au moins un de vos groupes." in nobody.get_text()
    theirs = page(client.post(create, {**data, "cohorts": [other_cohort.pk]}))  # another trainer's promo
    assert theirs.select_one("#id_cohorts_error, .errorlist")
    assert "déjà pris" in page(client.post(create, {**data, "slug": "atelier"})).get_text()
    assert not PositioningTest.objects.exists()
    edit = client.post(create, data).url
    client.force_login(other_trainer)  # only its author, and coordinators, change it
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"cohorts": [other_cohort.pk], "source": MINI}).status_code == 404
    client.force_login(coordinator)
    assert client.get(edit).status_code == 200
