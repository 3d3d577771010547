def fibonacci():
    yield 0
    yield 1


def premiers():
    raise NotImplementedError


def puissances_de(n):
    raise NotImplementedError


def en_boucle(elements):
    raise NotImplementedError
