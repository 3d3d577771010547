# Style : unittest à la manière d'Exercism (exercice « clock ») — repr()/str() de l'objet,
# assertEqual/assertNotEqual entre deux instances (__eq__ de l'apprenant), opérateurs + et -.
import unittest

from horloge import (
    Horloge,
)


class HorlogeTest(unittest.TestCase):
    # Représentation
    def test_heure_du_dejeuner(self):
        self.assertEqual(repr(Horloge(12, 0)), "Horloge(12, 0)")

    def test_a_l_heure_pile(self):
        self.assertEqual(str(Horloge(8, 0)), "08:00")

    def test_heures_et_minutes(self):
        self.assertEqual(str(Horloge(11, 9)), "11:09")

    def test_minuit_vaut_zero_heure(self):
        self.assertEqual(str(Horloge(24, 0)), "00:00")

    def test_heures_qui_debordent(self):
        self.assertEqual(str(Horloge(100, 0)), "04:00")

    def test_minutes_qui_debordent(self):
        self.assertEqual(str(Horloge(0, 160)), "02:40")

    def test_minutes_negatives(self):
        self.assertEqual(str(Horloge(1, -40)), "00:20")

    def test_heures_et_minutes_negatives(self):
        self.assertEqual(str(Horloge(-25, -160)), "20:20")

    # Ajouter et retirer des minutes
    def test_ajouter_des_minutes(self):
        self.assertEqual(str(Horloge(10, 0) + 3), "10:03")

    def test_ajouter_en_passant_minuit(self):
        self.assertEqual(str(Horloge(23, 59) + 2), "00:01")

    def test_retirer_des_minutes(self):
        self.assertEqual(str(Horloge(10, 3) - 3), "10:00")

    def test_retirer_en_passant_minuit(self):
        self.assertEqual(str(Horloge(0, 3) - 4), "23:59")

    # Égalité
    def test_horloges_a_la_meme_heure(self):
        self.assertEqual(Horloge(15, 37), Horloge(15, 37))

    def test_horloges_a_une_minute_d_ecart(self):
        self.assertNotEqual(Horloge(15, 36), Horloge(15, 37))

    def test_horloges_avec_debordement(self):
        self.assertEqual(Horloge(10, 37), Horloge(34, 37))

    def test_horloges_negatives(self):
        self.assertEqual(Horloge(-2, -40), Horloge(21, 20))


if __name__ == "__main__":
    unittest.main()
