# Style : unittest — assertRaises comme contexte sur l'exception de l'apprenant, err.exception.args[0],
# assertRaises(ValueError) pour une sous-classe, assertIn sur le message.
import unittest

from inscription import AgeInvalide, EmailInvalide, inscrire


class InscriptionTest(unittest.TestCase):
    def test_age_invalide(self):
        with self.assertRaises(AgeInvalide) as err:
            inscrire("Driss", 140, "driss@exemple.fr")
        self.assertEqual(err.exception.args[0], "âge invalide : 140")

    def test_attrape_comme_valueerror(self):
        with self.assertRaises(ValueError):
            inscrire("Driss", 20, "driss@@exemple.fr")

    def test_email_message(self):
        with self.assertRaises(EmailInvalide) as ctx:
            inscrire("Driss", 20, "driss")
        self.assertIn("driss", str(ctx.exception))
