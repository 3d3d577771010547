# Style : unittest à la manière d'Exercism (exercice « hamming ») — assertEqual, puis
# `with self.assertRaises(ValueError) as err:` et `self.assertEqual(err.exception.args[0], "...")`,
# assertRaisesRegex.
import unittest

from hamming import (
    distance,
)


class HammingTest(unittest.TestCase):
    def test_brins_vides(self):
        self.assertEqual(distance("", ""), 0)

    def test_une_lettre_identique(self):
        self.assertEqual(distance("A", "A"), 0)

    def test_une_lettre_differente(self):
        self.assertEqual(distance("G", "T"), 1)

    def test_longs_brins_identiques(self):
        self.assertEqual(distance("GGACTGAAATCTG", "GGACTGAAATCTG"), 0)

    def test_longs_brins_differents(self):
        self.assertEqual(distance("GGACGGATTCTG", "AGGACGGATTCT"), 9)

    def test_refuse_un_premier_brin_plus_long(self):
        with self.assertRaises(ValueError) as err:
            distance("AATG", "AAA")
        self.assertEqual(type(err.exception), ValueError)
        self.assertEqual(err.exception.args[0], "les brins doivent avoir la même longueur")

    def test_refuse_un_second_brin_plus_long(self):
        with self.assertRaises(ValueError) as err:
            distance("ATA", "AGTG")
        self.assertEqual(type(err.exception), ValueError)
        self.assertEqual(err.exception.args[0], "les brins doivent avoir la même longueur")

    def test_refuse_un_brin_vide(self):
        with self.assertRaises(ValueError) as err:
            distance("", "G")
        self.assertEqual(err.exception.args[0], "les brins doivent avoir la même longueur")

    def test_message_par_expression_reguliere(self):
        self.assertRaisesRegex(ValueError, "même longueur", distance, "G", "")


if __name__ == "__main__":
    unittest.main()
