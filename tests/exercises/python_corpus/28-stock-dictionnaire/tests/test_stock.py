# Style : dictionnaire modifié sur place — le test garde son dictionnaire et le relit après l'appel ;
# dictionnaire imbriqué ; la livraison ne doit pas changer (comparée à une copie profonde).
import copy

import pytest

from stock import ajouter, appliquer_remise, fusionner, retirer


def test_ajouter_nouvel_article():
    stock = {"pomme": 3}
    assert ajouter(stock, "poire", 2) is None
    assert stock == {"pomme": 3, "poire": 2}


def test_ajouter_article_existant():
    stock = {"pomme": 3}
    ajouter(stock, "pomme", 4)
    assert stock == {"pomme": 7}


def test_retirer_jusqu_a_zero_supprime_la_cle():
    stock = {"pomme": 3, "poire": 1}
    retirer(stock, "poire", 1)
    assert stock == {"pomme": 3}
    assert "poire" not in stock


def test_retirer_absent():
    stock = {"pomme": 3}
    with pytest.raises(KeyError):
        retirer(stock, "kiwi", 1)
    assert stock == {"pomme": 3}


def test_retirer_trop():
    stock = {"pomme": 3}
    with pytest.raises(ValueError):
        retirer(stock, "pomme", 5)
    assert stock == {"pomme": 3}, "un retrait refusé ne change pas le stock"


def test_fusionner():
    stock = {"pomme": 3}
    livraison = {"pomme": 10, "kiwi": 5}
    avant = dict(livraison)
    fusionner(stock, livraison)
    assert stock == {"pomme": 13, "kiwi": 5}
    assert livraison == avant, "la livraison n'est pas modifiée"


def test_fusionner_magasins_imbriques():
    """Le stock d'un magasin, dans un dictionnaire de magasins, est modifié sur place"""
    magasins = {"Lyon": {"pomme": 1}, "Nantes": {}}
    livraison = {"pomme": 2, "poire": 1}
    reference = copy.deepcopy(livraison)
    fusionner(magasins["Nantes"], livraison)
    assert magasins == {"Lyon": {"pomme": 1}, "Nantes": {"pomme": 2, "poire": 1}}
    assert livraison == reference


def test_remise_sur_place():
    prix = {"pain": 1.2, "lait": 0.95}
    meme = prix
    appliquer_remise(prix, 20)
    assert meme is prix
    assert prix == {"pain": 0.96, "lait": 0.76}
