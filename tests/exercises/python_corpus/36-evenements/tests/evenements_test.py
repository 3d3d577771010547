# Style : unittest (Exercism) avec rappels — le test passe ses lambdas, operator.add, list.append d'une
# liste du test comme rappel, et vérifie l'ordre des appels.
import operator
import unittest

from evenements import Bouton, appeler_n_fois, compter_si, reduire


class RappelsTest(unittest.TestCase):
    def test_compter_si(self):
        self.assertEqual(compter_si(lambda x: x > 2, [1, 2, 3, 4]), 2)

    def test_compter_si_aucun(self):
        self.assertEqual(compter_si(str.isupper, ["a", "b"]), 0)

    def test_appeler_n_fois(self):
        self.assertEqual(appeler_n_fois(lambda i: i * i, 4), [0, 1, 4, 9])

    def test_reduire_addition(self):
        self.assertEqual(reduire(operator.add, [1, 2, 3], 0), 6)

    def test_reduire_chaine(self):
        self.assertEqual(reduire(lambda acc, x: acc + x.upper(), ["a", "b"], ">"), ">AB")


class BoutonTest(unittest.TestCase):
    def test_rappel_append(self):
        recus = []
        bouton = Bouton("OK")
        bouton.on_click(recus.append)
        bouton.cliquer()
        bouton.cliquer()
        self.assertEqual(recus, ["OK", "OK"])

    def test_plusieurs_rappels_dans_l_ordre(self):
        journal = []
        bouton = Bouton("Envoyer")
        bouton.on_click(lambda libelle: journal.append(("premier", libelle)))
        bouton.on_click(lambda libelle: journal.append(("second", libelle)))
        bouton.cliquer()
        self.assertEqual(journal, [("premier", "Envoyer"), ("second", "Envoyer")])

    def test_sans_rappel(self):
        Bouton("Rien").cliquer()


if __name__ == "__main__":
    unittest.main()
