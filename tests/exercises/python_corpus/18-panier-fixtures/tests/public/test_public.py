# Style : pytest avec une fixture locale qui construit l'objet de l'apprenant.
import pytest

from panier import Panier


@pytest.fixture
def panier():
    return Panier()


def test_ajouter_un_article(panier):
    """Après ajouter("pain", 1.2), le panier contient un pain"""
    panier.ajouter("pain", 1.2)
    assert panier.articles == {"pain": 1}
