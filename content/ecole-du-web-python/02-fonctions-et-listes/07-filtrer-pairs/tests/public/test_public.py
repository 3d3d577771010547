from pairs import filtrer_pairs


def test_exemple():
    """filtrer_pairs([1, 2, 3, 4, 5, 6]) renvoie [2, 4, 6]"""
    resultat = filtrer_pairs([1, 2, 3, 4, 5, 6])
    assert resultat == [2, 4, 6], f"les nombres pairs de [1, 2, 3, 4, 5, 6] sont [2, 4, 6], et non {resultat!r}"


def test_aucun_pair():
    """filtrer_pairs([1, 3, 5]) renvoie une liste vide"""
    resultat = filtrer_pairs([1, 3, 5])
    assert resultat == [], f"aucun nombre n'est pair : il faut renvoyer [], et non {resultat!r}"
