# Style : autocorrecteur universitaire — grande table pytest.mark.parametrize avec ids calculés par une
# fonction, classe de tests pytest (sans unittest) avec parametrize sur une méthode, cas d'erreur paramétrés.
import pytest

from mentions import mention

CAS = [
    (0, "Insuffisant"),
    (9.99, "Insuffisant"),
    (10, "Passable"),
    (11.5, "Passable"),
    (12, "Assez bien"),
    (13.99, "Assez bien"),
    (14, "Bien"),
    (15.5, "Bien"),
    (16, "Très bien"),
    (20, "Très bien"),
]


@pytest.mark.parametrize("note, attendu", CAS, ids=lambda valeur: str(valeur))
def test_mention(note, attendu):
    assert mention(note) == attendu, f"la mention pour {note} est « {attendu} »"


class TestBornes:
    @pytest.mark.parametrize("note", [-1, 20.5, 100])
    def test_note_hors_limites(self, note):
        with pytest.raises(ValueError):
            mention(note)

    def test_renvoie_une_chaine(self):
        assert isinstance(mention(12), str)
