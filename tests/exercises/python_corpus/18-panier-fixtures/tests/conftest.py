# Style : conftest.py — une fixture qui renvoie des données, partagée par les tests cachés.
import pytest


@pytest.fixture
def catalogue():
    """Prix de quelques articles, en euros."""
    return {"pomme": 0.5, "pain": 1.2, "lait": 0.95}
