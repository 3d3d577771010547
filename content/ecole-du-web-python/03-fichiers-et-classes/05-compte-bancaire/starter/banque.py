class CompteBancaire:
    """Un compte avec un titulaire et un solde, sans découvert autorisé."""

    def __init__(self, titulaire, solde=0):
        self.titulaire = titulaire
        self.solde = solde

    def deposer(self, montant):
        """Ajoute montant au solde ; ValueError si montant <= 0."""
        pass

    def retirer(self, montant):
        """Retire montant du solde ; ValueError si montant <= 0 ou si le solde est insuffisant."""
        pass
