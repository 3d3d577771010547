# Style : unittest avec setUp qui construit l'objet ; héritage d'une classe de base de l'apprenant
# (assertIsInstance, issubclass, attribut de classe redéfini, méthode redéfinie, super().__init__).
import unittest

from animaux import Animal, Chien, Oiseau


class AnimauxTest(unittest.TestCase):
    def setUp(self):
        self.rex = Chien("Rex", "berger")
        self.titi = Oiseau("Titi")

    def test_un_chien_est_un_animal(self):
        self.assertIsInstance(self.rex, Animal)
        self.assertIsInstance(self.rex, Chien)

    def test_oiseau_herite_d_animal(self):
        self.assertTrue(issubclass(Oiseau, Animal))

    def test_nom_herite_du_constructeur_de_base(self):
        self.assertEqual(self.rex.nom, "Rex")
        self.assertEqual(self.titi.nom, "Titi")

    def test_attribut_propre_au_chien(self):
        self.assertEqual(self.rex.race, "berger")

    def test_cri_redefini(self):
        self.assertEqual(self.rex.cri(), "Wouf")
        self.assertEqual(self.titi.cri(), "Cui-cui")
        self.assertEqual(Animal("X").cri(), "...")

    def test_attribut_de_classe_redefini(self):
        self.assertEqual(Animal.pattes, 4)
        self.assertEqual(Chien.pattes, 4)
        self.assertEqual(Oiseau.pattes, 2)
        self.assertEqual(self.titi.pattes, 2)

    def test_presenter_utilise_le_cri_de_la_sous_classe(self):
        self.assertEqual(self.rex.presenter(), "Je m'appelle Rex et je fais Wouf")
