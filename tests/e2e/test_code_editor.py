"""The code editor (CodeMirror 6, static/codemirror/editor.min.js, built from frontend/codemirror) in
Chromium: it enhances the exercise's textarea (line numbers, highlighting, Tab indents, Escape then Tab
leaves, its label and help read out), under a policy that allows no inline style but its own by the
page's nonce; without JavaScript the textarea works as before; pages without code do not load it."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import Module
from exercises.models import Submission

from ..exercises.conftest import load_exercise
from .checks import assert_accessible

pytestmark = pytest.mark.e2e
EDITOR = "/static/codemirror/editor.min.js"


@pytest.fixture
def exercise(web_course):
    return load_exercise(Module.objects.filter(course=web_course).first(), "moyenne")


def test_tab_indents_escape_then_tab_leaves_and_the_work_is_sent(new_context, trainee, exercise, eager_celery):
    page = new_context(user=trainee).new_page()
    scripts = []
    page.on("request", lambda request: scripts.append(request.url) if request.resource_type == "script" else None)
    response = page.goto(exercise.get_absolute_url())
    policy = {
        part.split()[0]: part.split()[1:]
        for part in response.headers["content-security-policy"].split(";")
        if part.strip()
    }
    assert (
        any(v.startswith("'nonce-") for v in policy["style-src-elem"])
        and "'unsafe-inline'" not in policy["style-src-elem"]
    )
    assert "'unsafe-inline'" not in policy["style-src"] and policy["style-src-attr"] == ["'unsafe-inline'"]
    assert any(url.endswith(EDITOR) for url in scripts)
    editor = page.locator(".cm-editor")
    expect(editor).to_have_count(1)
    expect(page.locator("textarea[name=file_0]")).to_be_hidden()
    expect(editor.locator(".cm-gutters")).to_be_visible()  # line numbers
    content = editor.locator(".cm-content")
    expect(content).to_have_attribute("aria-label", "notes.py")
    expect(content).to_have_attribute("aria-describedby", "code-editor-help")
    expect(page.locator("#code-editor-help")).to_be_visible()
    expect(page.locator("#code-editor-help")).to_contain_text("Échap, puis Tab")

    page.get_by_text("notes.py", exact=True).click()  # the label gives the editor the focus
    expect(content).to_be_focused()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")  # back to the first column
    page.keyboard.type("def double(x):")
    page.keyboard.press("Enter")  # the editor indents the body itself
    page.keyboard.type("return 2 * x")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("# un retrait de plus")
    expect(content).to_be_focused()  # Tab stayed in the editor
    typed = page.locator("textarea[name=file_0]").input_value()
    assert "def double(x):\n    return 2 * x\n        # un retrait de plus" in typed
    assert editor.locator(".cm-line .tok-keyword, .cm-line span").count() > 0  # highlighted

    page.keyboard.press("Control+A")  # replace everything, as a person pasting a new version
    page.keyboard.insert_text(typed)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")  # the first one ends the selection
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name=re.compile("^Vérifier"))).to_be_focused()
    page.get_by_role("button", name="Soumettre").click()
    expect(page.locator("#history")).to_contain_text("Essai 1")
    (submission,) = Submission.objects.filter(mode="submit")
    assert "# un retrait de plus" in submission.files["notes.py"]
    assert_accessible(page, "an exercise with the code editor", page.url)
    assert page.context.errors == []  # no style refused by the policy, no script error


def test_without_javascript_the_textarea_is_the_editor(new_context, trainee, exercise, eager_celery):
    page = new_context(user=trainee, java_script_enabled=False).new_page()
    page.goto(exercise.get_absolute_url())
    expect(page.locator(".cm-editor")).to_have_count(0)
    expect(page.locator("#code-editor-help")).to_be_hidden()  # Tab leaves a plain textarea: no such help
    page.get_by_label("notes.py").fill("def moyenne(notes):\n    return 0\n")
    page.get_by_role("button", name="Soumettre").click()
    expect(page.locator("main")).to_contain_text("Essai 1")
    assert Submission.objects.filter(mode="submit").count() == 1


def test_pages_without_code_do_not_load_the_editor(new_context, trainee, web_course):
    page = new_context(user=trainee).new_page()
    scripts = []
    page.on("request", lambda request: scripts.append(request.url) if request.resource_type == "script" else None)
    for url in ("/comptes/tableau-de-bord/", web_course.get_absolute_url(), "/cours/"):
        response = page.goto(url)
        assert "unsafe-inline" in response.headers["content-security-policy"]  # CKEditor's pages keep it
    assert not any(url.endswith(EDITOR) for url in scripts)
