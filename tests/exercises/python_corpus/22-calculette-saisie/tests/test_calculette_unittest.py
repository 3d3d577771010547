# Style : unittest — @patch("builtins.input", side_effect=...) et @patch("sys.stdout", new_callable=io.StringIO)
# empilés sur une méthode de TestCase (autocorrecteurs « à l'ancienne »).
import io
import unittest
from unittest.mock import patch

from calculette import additionner


class AdditionnerTest(unittest.TestCase):
    @patch("sys.stdout", new_callable=io.StringIO)
    @patch("builtins.input", side_effect=["2", "40"])
    def test_affichage(self, mock_input, mock_stdout):
        self.assertEqual(additionner(), 42)
        self.assertEqual(mock_stdout.getvalue(), "2 + 40 = 42\n")

    @patch("builtins.input", side_effect=["0", "0"])
    def test_zero(self, mock_input):
        with patch("sys.stdout", new_callable=io.StringIO):
            self.assertEqual(additionner(), 0)
