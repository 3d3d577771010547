import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["home", "courses:catalogue", "accounts:login", "accounts:signup"])
def test_public_pages_render_in_french(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
