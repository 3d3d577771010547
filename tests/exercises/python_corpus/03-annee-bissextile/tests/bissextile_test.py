# Style : unittest à la manière d'Exercism (exercice « leap ») — fichier nommé <module>_test.py,
# import entre parenthèses, classe unittest.TestCase, assertIs sur un booléen, unittest.main().
import unittest

from bissextile import (
    est_bissextile,
)


class BissextileTest(unittest.TestCase):
    def test_annee_non_divisible_par_4_en_annee_commune(self):
        self.assertIs(est_bissextile(2015), False)

    def test_annee_divisible_par_2_non_divisible_par_4_en_annee_commune(self):
        self.assertIs(est_bissextile(1970), False)

    def test_annee_divisible_par_4_non_divisible_par_100_en_annee_bissextile(self):
        self.assertIs(est_bissextile(1996), True)

    def test_annee_divisible_par_4_et_5_est_encore_bissextile(self):
        self.assertIs(est_bissextile(1960), True)

    def test_annee_divisible_par_100_non_divisible_par_400_en_annee_commune(self):
        self.assertIs(est_bissextile(2100), False)

    def test_annee_divisible_par_100_mais_pas_par_3_est_encore_commune(self):
        self.assertIs(est_bissextile(1900), False)

    def test_annee_divisible_par_400_est_bissextile(self):
        self.assertIs(est_bissextile(2000), True)

    def test_annee_divisible_par_400_mais_pas_par_125_est_encore_bissextile(self):
        self.assertIs(est_bissextile(2400), True)

    def test_annee_divisible_par_200_non_divisible_par_400_en_annee_commune(self):
        self.assertIs(est_bissextile(1800), False)


if __name__ == "__main__":
    unittest.main()
