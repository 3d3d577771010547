def compte_a_rebours(n):
    return list(range(n, 0, -1))


def pairs(limite):
    return [nombre for nombre in range(limite) if nombre % 2 == 0]


def sans_vides(lignes):
    raise NotImplementedError("à vous de jouer")
