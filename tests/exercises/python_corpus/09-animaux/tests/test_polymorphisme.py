# Style : pytest simple — le test définit sa propre sous-classe de la classe de base de l'apprenant.
from animaux import Animal


class Chat(Animal):
    def cri(self):
        return "Miaou"


def test_une_sous_classe_du_test():
    """presenter() appelle la méthode cri() de la sous-classe"""
    tom = Chat("Tom")
    assert isinstance(tom, Animal)
    assert tom.presenter() == "Je m'appelle Tom et je fais Miaou", "presenter doit appeler self.cri()"
    assert tom.pattes == 4
