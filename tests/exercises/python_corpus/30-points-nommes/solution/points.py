from collections import namedtuple
from typing import NamedTuple

Point = namedtuple("Point", ["x", "y"])


class Ville(NamedTuple):
    nom: str
    population: int


def milieu(a, b):
    return Point((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def translater(p, dx, dy):
    p = Point(*p)
    return p._replace(x=p.x + dx, y=p.y + dy)


def plus_peuplee(villes):
    return max((Ville(*v) for v in villes), key=lambda v: v.population)
