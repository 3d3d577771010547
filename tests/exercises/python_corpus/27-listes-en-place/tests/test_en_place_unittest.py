# Style : unittest — modification sur place, assertIsNone puis assertEqual sur la liste du test.
import unittest

from en_place import ajouter_si_absent, trier_notes


class EnPlaceTest(unittest.TestCase):
    def setUp(self):
        self.notes = [11, 19, 4]

    def test_trier(self):
        self.assertIsNone(trier_notes(self.notes))
        self.assertEqual(self.notes, [19, 11, 4])

    def test_ajouter(self):
        self.assertIsNone(ajouter_si_absent(self.notes, 20))
        self.assertEqual(self.notes, [11, 19, 4, 20])
