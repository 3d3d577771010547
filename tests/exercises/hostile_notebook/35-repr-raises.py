# Returns an always-equal object whose __repr__, __str__, __format__ and __bool__ raise, hoping the failure report crashes.
class Piege:
    def __eq__(self, other):
        return True

    def __repr__(self):
        raise RuntimeError("repr piégé")

    __str__ = __repr__

    def __format__(self, spec):
        raise RuntimeError("format piégé")

    def __bool__(self):
        raise RuntimeError("bool piégé")

    __hash__ = object.__hash__


def moyenne(liste):
    return Piege()
