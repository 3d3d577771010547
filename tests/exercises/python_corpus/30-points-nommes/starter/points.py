from collections import namedtuple
from typing import NamedTuple

Point = namedtuple("Point", ["x", "y"])


class Ville(NamedTuple):
    nom: str
    population: int


def milieu(a, b):
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def translater(p, dx, dy):
    return (p[0] + dx, p[1] + dy)


def plus_peuplee(villes):
    return max(villes, key=lambda v: v[1])
