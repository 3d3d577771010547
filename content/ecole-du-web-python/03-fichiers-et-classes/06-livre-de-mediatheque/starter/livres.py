class Livre:
    """Un livre de la médiathèque, disponible ou emprunté."""

    def __init__(self, titre, auteur, annee):
        self.titre = titre
        self.auteur = auteur
        self.annee = annee
        self.disponible = True

    def emprunter(self):
        """Le livre n'est plus disponible ; ValueError s'il est déjà emprunté."""
        pass

    def rendre(self):
        """Le livre redevient disponible."""
        pass

    def __str__(self):
        """Renvoie « Titre (Auteur, année) », suivi de « [emprunté] » si le livre est emprunté."""
        pass
