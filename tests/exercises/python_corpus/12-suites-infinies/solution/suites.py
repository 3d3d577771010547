def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def premiers():
    trouves = []
    candidat = 2
    while True:
        if all(candidat % p for p in trouves if p * p <= candidat):
            trouves.append(candidat)
            yield candidat
        candidat += 1


def puissances_de(n):
    valeur = 1
    while True:
        yield valeur
        valeur *= n


def en_boucle(elements):
    elements = list(elements)
    while elements:
        yield from elements
