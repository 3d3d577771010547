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


# The code editor (issue 16): loaded by pages with code only, once (cached), and counted apart from the
# 100 KB budget, its own budget asserted: 520 KB uncompressed (about 180 KB gzip, 155 KB brotli).
CODE_EDITOR = "/static/codemirror/editor.min.js"
CODE_EDITOR_BUDGET = 520 * 1024


def assert_light(page, name, url):
    """A first visit (empty cache) loads at most 100 KB of HTML, CSS and JavaScript, uncompressed; the
    code editor's bundle, on pages with code, within its own budget."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    assert page.goto(url, wait_until="load").status == 200
    sizes = [
        (response.request.resource_type, urlsplit(response.url).path, len(response.body()))
        for response in responses
        if response.request.resource_type in COUNTED
    ]
    editor = sum(size for _, path, size in sizes if path == CODE_EDITOR)
    total = sum(size for _, path, size in sizes if path != CODE_EDITOR)
    print(f"\n[page weight] {name} {url}: {total} bytes ({total / 1024:.1f} KB) of HTML + CSS + JS", end="")
    print(f", and the code editor: {editor} bytes ({editor / 1024:.1f} KB)" if editor else "")
    for kind, path, size in sizes:
        print(f"    {kind:<10} {size:>7}  {path}")
    assert {kind for kind, _, _ in sizes} >= {"document", "stylesheet", "script"}
    assert total <= BUDGET, f"{name}: {total} bytes > {BUDGET}"
    assert editor <= CODE_EDITOR_BUDGET, f"{name}: the code editor weighs {editor} bytes > {CODE_EDITOR_BUDGET}"
    return total, editor


def type_code(page, editor, text):
    """Replace the code editor's text as a person does (select all, then type it in one go). Not
    `fill`: on a contenteditable, Chromium inserts styled spans, which the editor's policy refuses."""
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)
