from urllib.parse import urlsplit

import pytest

from .conftest import heaviest_lesson

pytestmark = pytest.mark.e2e

BUDGET = 100 * 1024
COUNTED = {"document", "stylesheet", "script"}

# name: (who looks at it, its address)
PAGES = {
    "catalogue": (None, lambda: "/cours/"),
    "lesson": ("trainee", lambda: heaviest_lesson().get_absolute_url()),
    "learner-dashboard": ("trainee", lambda: "/comptes/tableau-de-bord/"),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_weighs_at_most_100_kb_of_html_css_and_js(new_context, demo_world, trainee, name):
    """A first visit (empty cache) loads at most 100 KB of HTML, CSS and JavaScript, uncompressed."""
    who, url_for = PAGES[name]
    url = url_for()
    page = new_context(user=trainee if who else None).new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    assert page.goto(url, wait_until="load").status == 200

    sizes = [
        (response.request.resource_type, urlsplit(response.url).path, len(response.body()))
        for response in responses
        if response.request.resource_type in COUNTED
    ]
    total = sum(size for _, _, size in sizes)
    print(f"\n[page weight] {name} {url}: {total} bytes ({total / 1024:.1f} KB) of HTML + CSS + JS")
    for kind, path, size in sizes:
        print(f"    {kind:<10} {size:>7}  {path}")
    assert {kind for kind, _, _ in sizes} >= {"document", "stylesheet", "script"}
    assert total <= BUDGET, f"{name}: {total} bytes > {BUDGET}"
