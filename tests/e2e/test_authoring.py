import re

import pytest
from playwright.sync_api import expect

from courses.models import Enrolment, Lesson, Status

pytestmark = pytest.mark.e2e

SCRIPT_AS_TEXT = "<script>window.__injected = true</script>"


def test_trainer_writes_a_lesson_in_ckeditor_and_an_enrolled_learner_reads_it(
    new_context, basics_course, trainer, resident
):
    """Text typed in CKEditor 5 and published reaches the learner; `<script>` typed as text stays text."""
    module = basics_course.modules.get(slug="module-1")
    editor = new_context(user=trainer).new_page()
    editor.goto(f"/cours/atelier/{basics_course.slug}/modules/{module.pk}/lecons/nouvelle/")
    expect(editor.get_by_role("heading", level=1)).to_have_text("Nouvelle leçon")
    editor.get_by_label(re.compile(r"^Titre")).fill("Écrire un bon objet")
    editor.locator("input[name=slug]").fill("bon-objet")  # its label is being reworded
    editable = editor.locator(".ck-editor__editable")
    expect(editable).to_be_visible()
    editable.click()
    editor.keyboard.type("L’objet résume le message en quelques mots.")
    editor.keyboard.press("Enter")
    editor.keyboard.type(SCRIPT_AS_TEXT)
    expect(editable).to_contain_text(SCRIPT_AS_TEXT)
    editor.get_by_role("button", name="Enregistrer et publier").click()

    expect(editor.get_by_role("heading", level=1)).to_have_text("Modifier la leçon")
    expect(editor.locator(".messages")).to_contain_text("publiée")
    expect(editor.locator("main")).to_contain_text("Publié")
    lesson = Lesson.objects.get(module=module, slug="bon-objet")
    assert lesson.status == Status.PUBLISHED
    assert "&lt;script&gt;" in lesson.body
    assert editor.context.errors == []

    Enrolment.objects.create(user=resident, course=basics_course)
    reader = new_context(user=resident).new_page()
    reader.goto(basics_course.get_absolute_url())
    reader.get_by_role("link", name="Écrire un bon objet").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Écrire un bon objet")
    body = reader.locator(".lesson-body")
    expect(body.locator("p").first).to_have_text("L’objet résume le message en quelques mots.")
    expect(body.locator("p").nth(1)).to_have_text(SCRIPT_AS_TEXT)
    assert body.locator("script").count() == 0
    assert reader.evaluate("window.__injected") is None
    assert reader.context.errors == []
