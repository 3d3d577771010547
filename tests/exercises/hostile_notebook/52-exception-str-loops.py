# Raises, inside moyenne, an exception whose __str__ loops forever and whose args are objects with looping __repr__.
class Boucle:
    def __repr__(self):
        while True:
            pass


class Erreur(AssertionError):
    def __str__(self):
        while True:
            pass


def moyenne(liste):
    if len(liste) == 2:
        return 15
    raise Erreur(Boucle(), Boucle())
