class Livre:
    """Un livre de la médiathèque, disponible ou emprunté."""

    def __init__(self, titre, auteur, annee):
        self.titre = titre
        self.auteur = auteur
        self.annee = annee
        self.disponible = True

    def emprunter(self):
        """Le livre n'est plus disponible ; ValueError s'il est déjà emprunté."""
        if not self.disponible:
            raise ValueError("livre déjà emprunté")
        self.disponible = False

    def rendre(self):
        """Le livre redevient disponible."""
        self.disponible = True

    def __str__(self):
        """Renvoie « Titre (Auteur, année) », suivi de « [emprunté] » si le livre est emprunté."""
        texte = f"{self.titre} ({self.auteur}, {self.annee})"
        if not self.disponible:
            texte = texte + " [emprunté]"
        return texte
