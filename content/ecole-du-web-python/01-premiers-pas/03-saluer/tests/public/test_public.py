from salutations import saluer


def test_saluer_awa():
    """saluer("Awa") renvoie "Bonjour Awa !" """
    resultat = saluer("Awa")
    assert resultat is not None, "la fonction ne renvoie rien : utilisez return (et non print)"
    assert resultat == "Bonjour Awa !", f"saluer(\"Awa\") devrait renvoyer 'Bonjour Awa !', pas {resultat!r}"
