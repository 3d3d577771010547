"""Pages written to fool the checks: they redefine the DOM and CSSOM APIs, trap axe, reload or leave.

Every browser check reads the page from an isolated world (its own JavaScript globals on the same
DOM), so what the page's scripts redefine is not what the checks call; a page that goes away
while being checked ends with a clear result, never a traceback.
"""

import dataclasses
import json

import pytest
from django.core.management import call_command

from exercises.grading import grader_for
from exercises.spec import read_exercise
from tests.exercises.conftest import EXAMPLES

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Carte</title><link rel="stylesheet" href="style.css"></head>
<body><main><h1>Awa Diallo</h1><p class="intro">Développeuse web</p><ul class="competences"><li>HTML</li></ul>
<img src="photo.png"><button id="plus"></button><p id="message"></p></main>{script}</body></html>"""
STYLE = "h1 { color: rgb(255, 0, 0); } .intro { color: #ddd; background: #fff; } .competences { display: block; }"
CHECKS = """
[[check]]
type = "style"
name = "Le titre est bleu nuit"
selector = "h1"
property = "color"
value = "rgb(0, 51, 102)"

[[check]]
type = "style"
name = "Les compétences sur une ligne"
selector = ".competences"
property = "display"
value = "flex"
width = 1280
hidden = true

[[check]]
type = "contrast"
name = "Le texte se lit bien"
selector = ".intro"
min_ratio = 4.5

[[check]]
type = "layout"
name = "Le titre est visible"
selector = "h2.absent-du-document"
visible = true

[[check]]
type = "axe"
name = "Aucun problème d'accessibilité détecté"

[[check]]
type = "scenario"
name = "Le bouton affiche un message"
steps = [{ click = "#plus" }]
expect = [{ selector = "#message", text = "Merci !" }]
"""

LIAR = """<script>
// Everything the checks might call, redefined to say what they expect.
const realStyle = window.getComputedStyle;
window.getComputedStyle = (el, pseudo) => new Proxy(realStyle(el, pseudo), { get(target, key) {
  if (key === "color") return "rgb(0, 51, 102)";
  if (key === "display") return "flex";
  if (key === "backgroundColor") return "rgb(255, 255, 255)";
  if (key === "getPropertyValue") {
    return (name) => name === "color" ? "rgb(0, 51, 102)" : name === "display" ? "flex" : target.getPropertyValue(name);
  }
  const value = target[key]; return typeof value === "function" ? value.bind(target) : value; } });
const fakeAxe = { run: async () => ({ violations: [] }) };
Object.defineProperty(window, "axe", { get: () => fakeAxe, set: () => {}, configurable: false });
const realAll = Document.prototype.querySelectorAll;
Document.prototype.querySelectorAll = function (selector) {
  const found = realAll.call(this, selector);
  if (found.length || !selector.includes("absent")) return found;
  return realAll.call(this, "h1");
};
document.querySelectorAll = Document.prototype.querySelectorAll;
Element.prototype.getBoundingClientRect = () => (
  { x: 0, y: 0, top: 0, left: 0, right: 100, bottom: 40, width: 100, height: 40 });
Object.defineProperty(HTMLElement.prototype, "innerText", { get() { return "Merci !"; } });
Object.defineProperty(Node.prototype, "textContent", { get() { return "Merci !"; } });
JSON.stringify = () => '{"ok": true}';
</script>"""


@pytest.fixture(scope="module")
def card():
    spec = read_exercise(EXAMPLES / "carte-visite")
    return dataclasses.replace(spec, tests={"checks.toml": CHECKS})


def grade(spec, script, style=STYLE):
    return grader_for(spec.kind)(spec, {"index.html": PAGE.format(script=script), "style.css": style})


def test_a_page_that_redefines_every_api_the_checks_use_gains_nothing(card):
    honest = grade(card, "")
    liar = grade(card, LIAR)
    assert honest.status == "failed"
    assert [t.status for t in liar.tests] == [t.status for t in honest.tests] == ["failed"] * 6
    assert liar.score == 0


def test_the_checks_still_pass_a_page_that_is_right(card):
    right = "h1 { color: rgb(0, 51, 102); } .intro { color: #222; background: #fff; } .competences { display: flex; }"
    script = """<script>document.querySelector("#plus").addEventListener("click", () => {
      document.querySelector("#message").textContent = "Merci !"; });</script>"""
    page = (
        PAGE.replace('<img src="photo.png">', '<img src="photo.png" alt="Photo d’Awa">')
        .replace('<button id="plus"></button>', '<button id="plus">Plus</button>')
        .replace("h2.absent-du-document", "h1")
    )
    spec = dataclasses.replace(card, tests={"checks.toml": CHECKS.replace("h2.absent-du-document", "h1")})
    result = grader_for(spec.kind)(spec, {"index.html": page.format(script=script), "style.css": right})
    assert result.status == "passed", [(t.name, t.message) for t in result.tests]


@pytest.mark.parametrize(
    "script",
    [
        "<script>setTimeout(() => location.reload(), 0)</script>",
        "<script>addEventListener('load', () => setTimeout(() => { location.href = 'autre.html'; }, 0))</script>",
    ],
)
def test_a_page_that_reloads_or_leaves_ends_with_a_clear_result(card, script):
    result = grade(card, script)
    assert (result.status, result.score) == ("error", 0)
    assert "rechargée ou a changé d'adresse" in result.message


def test_a_page_that_reloads_without_end_ends_with_a_clear_result(card):
    """Reloading every 5 ms: a result, not a traceback, and nothing passes (which check saw the page go
    depends on timing: the run may end as a reload, as a page never loaded, or check by check)."""
    result = grade(card, "<script>setInterval(() => history.go(0), 5)</script>")
    assert result.status in ("failed", "error") and result.score == 0 and result.message


def test_manage_py_grade_prints_a_result_for_a_page_that_reloads(tmp_path, capsys):
    submission = tmp_path / "travail"
    submission.mkdir()
    (submission / "index.html").write_text(
        PAGE.format(script="<script>setTimeout(() => location.reload(), 0)</script>")
    )
    (submission / "style.css").write_text(STYLE)
    call_command("grade", str(EXAMPLES / "carte-visite"), str(submission))
    result = json.loads(capsys.readouterr().out)
    assert result["status"] in ("failed", "error")
