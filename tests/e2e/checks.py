"""What every end-to-end page check asserts: WCAG 2.1 AA (axe), 360 px without sideways
scrolling, no JavaScript or CSP error, and the 100 KB budget of HTML + CSS + JS."""

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PHONE_WIDTH = 360
BUDGET = 100 * 1024
COUNTED = {"document", "stylesheet", "script"}


def assert_accessible(page, name, url):
    """No axe violation on a desktop and at 360 px, nothing wider than the phone, no page error."""
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{name} ({url}):\n{results.generate_report()}"
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 740})
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{name} ({url}) at {PHONE_WIDTH} px:\n{results.generate_report()}"
    width, too_wide = page.evaluate(
        """() => [document.documentElement.scrollWidth,
                  [...document.querySelectorAll('body *')]
                    .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                    .slice(0, 5).map(el => el.outerHTML.slice(0, 120))]"""
    )
    assert width <= PHONE_WIDTH, f"{name} ({url}) is {width} px wide at {PHONE_WIDTH} px: {too_wide}"
    assert page.context.errors == []


def assert_light(page, name, url):
    """A first visit (empty cache) loads at most 100 KB of HTML, CSS and JavaScript, uncompressed."""
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
