"""A stored file that is a page runs no script with the platform's origin, even when a coordinator opens it."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from progress.frameworks import default_files, load_framework
from progress.models import Competence, Evidence

pytestmark = pytest.mark.e2e

PAGE = b"""<!doctype html><html><body><h1>Pi\xc3\xa8ge</h1>
<script src="tremplin.js"></script>
<script>fetch('/pwned?from=inline&c=' + document.cookie); document.title = 'PWNED';</script></body></html>"""


@pytest.fixture
def planted(trainee, trainer, cohort):
    """Files written by hand into storage, as older versions accepted them: an HTML page and a script."""
    qualification = next(q for q in (load_framework(p) for p in default_files()) if q.code == "RNCP37674")
    qualification.cohorts.add(cohort)
    competence = Competence.objects.filter(block__qualification=qualification).first()
    page = Evidence.objects.create(
        user=trainee,
        competence=competence,
        kind="observation",
        note="page",
        author=trainer,
        file=ContentFile(PAGE, name="page.html"),
    )
    script = Evidence.objects.create(
        user=trainee,
        competence=competence,
        kind="observation",
        note="js",
        author=trainer,
        file=ContentFile(b"fetch('/pwned?from=script')", name="tremplin.js"),
    )
    return page, script


def test_an_uploaded_page_opened_by_a_coordinator_runs_no_script(new_context, coordinator, planted, live_server):
    context = new_context(user=coordinator, accept_downloads=True)
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for evidence in planted:
        with page.expect_download() as download:
            try:
                page.goto(f"{live_server.url}/parcours/observations/{evidence.pk}/fichier/")
            except Exception as error:  # noqa: BLE001 - Chromium says « Download is starting »
                assert "Download is starting" in str(error)
        assert download.value.suggested_filename in ("page.html", "tremplin.js")
    # Even framed by a page of the site, the file is a download, never a document of this origin.
    page.goto(f"{live_server.url}/")
    page.evaluate(
        "url => { const f = document.createElement('iframe'); f.src = url; document.body.append(f); }",
        f"/parcours/observations/{planted[0].pk}/fichier/",
    )
    page.wait_for_timeout(500)
    assert not [url for url in requests if "/pwned" in url]
    assert page.title() != "PWNED"


def test_the_observation_form_refuses_a_page_before_and_after_sending(new_context, trainer, trainee, cohort, tmp_path):
    qualification = next(q for q in (load_framework(p) for p in default_files()) if q.code == "RNCP37674")
    qualification.cohorts.add(cohort)
    html = tmp_path / "page.html"
    html.write_bytes(PAGE)
    page = new_context(user=trainer).new_page()
    page.goto(f"/parcours/promos/{cohort.pk}/apprenants/{trainee.pk}/")
    first = page.locator("details.decide").first
    first.locator("summary").click()
    first.get_by_label("Observation").fill("Travail en séance")
    first.get_by_label(re.compile("Fichier joint")).set_input_files(str(html))
    first.get_by_role("button", name="Ajouter l’observation").click()
    expect(page.get_by_role("alert").filter(has_text="Ce type de fichier n'est pas accepté")).to_have_count(1)
    assert not Evidence.objects.filter(user=trainee).exists()


def test_a_file_over_the_limit_is_refused_before_it_is_sent(new_context, trainer, trainee, cohort, tmp_path):
    qualification = next(q for q in (load_framework(p) for p in default_files()) if q.code == "RNCP37674")
    qualification.cohorts.add(cohort)
    big = tmp_path / "photo.txt"
    big.write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    context = new_context(user=trainer)
    posts = []
    context.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page = context.new_page()
    page.goto(f"/parcours/promos/{cohort.pk}/apprenants/{trainee.pk}/")
    first = page.locator("details.decide").first
    first.locator("summary").click()
    first.get_by_label("Observation").fill("Trop lourd")
    first.get_by_label(re.compile("Fichier joint")).set_input_files(str(big))
    expect(first.get_by_role("status")).to_contain_text("Fichier trop lourd")
    first.get_by_role("button", name="Ajouter l’observation").click()
    page.wait_for_timeout(300)
    assert posts == []
