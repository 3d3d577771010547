# Style : unittest (Exercism) sur des générateurs infinis — itertools.islice(gen, 5), next(gen),
# deux générateurs indépendants.
import itertools
import unittest
from itertools import islice

from suites import en_boucle, fibonacci, premiers, puissances_de


class SuitesTest(unittest.TestCase):
    def test_dix_premiers_termes_de_fibonacci(self):
        self.assertEqual(list(islice(fibonacci(), 10)), [0, 1, 1, 2, 3, 5, 8, 13, 21, 34])

    def test_fibonacci_loin(self):
        terme = next(itertools.islice(fibonacci(), 100, None))
        self.assertEqual(terme, 354224848179261915075)

    def test_generateurs_independants(self):
        a, b = fibonacci(), fibonacci()
        next(a)
        next(a)
        self.assertEqual(next(b), 0)
        self.assertEqual(next(a), 1)

    def test_cinq_premiers_nombres_premiers(self):
        self.assertEqual(list(islice(premiers(), 5)), [2, 3, 5, 7, 11])

    def test_centieme_nombre_premier(self):
        self.assertEqual(list(islice(premiers(), 99, 100)), [541])

    def test_puissances_de_deux(self):
        self.assertEqual(list(itertools.islice(puissances_de(2), 5)), [1, 2, 4, 8, 16])

    def test_en_boucle(self):
        self.assertEqual(list(islice(en_boucle(["rouge", "vert"]), 5)), ["rouge", "vert", "rouge", "vert", "rouge"])

    def test_en_boucle_sur_un_iterateur(self):
        self.assertEqual(list(islice(en_boucle(iter("ab")), 3)), ["a", "b", "a"])
