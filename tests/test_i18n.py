import subprocess
from pathlib import Path

from django.urls import reverse

PO = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_french_is_the_default(client, db):
    page = client.get(reverse("courses:catalogue")).content.decode()
    assert '<html lang="fr">' in page and "Catalogue des cours" in page


def test_a_visitor_can_switch_to_english(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/cours/"})
    page = client.get(reverse("courses:catalogue")).content.decode()
    assert '<html lang="en">' in page and "Course catalog" in page and "Catalogue des cours" not in page


def test_english_catalogue_is_complete():
    """Every French message has an English translation: nothing untranslated, nothing fuzzy."""
    result = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(PO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
