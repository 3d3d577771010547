# Style : fixtures pytest — fixture de conftest.py renvoyant des données, fixture qui construit l'objet de
# l'apprenant, fixture qui dépend d'autres fixtures, fixture paramétrée (params=, request.param),
# fixture avec yield, fixture de portée module.
import pytest

from panier import Panier


@pytest.fixture
def panier_vide():
    return Panier()


@pytest.fixture
def panier_rempli(panier_vide, catalogue):
    for article, prix in catalogue.items():
        panier_vide.ajouter(article, prix)
    return panier_vide


@pytest.fixture(params=[1, 2, 5], ids=["un", "deux", "cinq"])
def quantite(request):
    return request.param


@pytest.fixture
def panier_apres_test():
    panier = Panier()
    yield panier
    panier.articles.clear()


@pytest.fixture(scope="module")
def grosse_commande():
    return [("pomme", 0.5, 12), ("pain", 1.2, 3), ("lait", 0.95, 6)]


def test_panier_vide(panier_vide):
    assert panier_vide.articles == {}
    assert panier_vide.nombre_articles() == 0
    assert panier_vide.total() == 0


def test_total_du_catalogue(panier_rempli):
    assert panier_rempli.total() == pytest.approx(2.65)


def test_nombre_d_articles(panier_rempli, catalogue):
    assert panier_rempli.nombre_articles() == len(catalogue)


def test_quantite(panier_vide, catalogue, quantite):
    panier_vide.ajouter("pain", catalogue["pain"], quantite)
    assert panier_vide.nombre_articles() == quantite
    assert panier_vide.total() == pytest.approx(1.2 * quantite)


def test_ajouter_deux_fois_cumule(panier_apres_test):
    panier_apres_test.ajouter("pomme", 0.5, 2)
    panier_apres_test.ajouter("pomme", 0.5, 3)
    assert panier_apres_test.articles == {"pomme": 5}


def test_retirer(panier_rempli):
    panier_rempli.retirer("pain")
    assert "pain" not in panier_rempli.articles
    assert panier_rempli.total() == pytest.approx(1.45)


def test_retirer_absent(panier_vide):
    with pytest.raises(KeyError):
        panier_vide.retirer("caviar")


def test_grosse_commande(panier_vide, grosse_commande):
    for article, prix, quantite in grosse_commande:
        panier_vide.ajouter(article, prix, quantite)
    assert panier_vide.nombre_articles() == 21
    assert panier_vide.total() == pytest.approx(15.3)
