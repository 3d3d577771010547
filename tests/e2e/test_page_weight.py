import pytest

from .checks import assert_light
from .conftest import heaviest_lesson

pytestmark = pytest.mark.e2e


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
    assert_light(new_context(user=trainee if who else None).new_page(), name, url)
