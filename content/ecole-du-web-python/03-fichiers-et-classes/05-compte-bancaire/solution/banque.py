class CompteBancaire:
    """Un compte avec un titulaire et un solde, sans découvert autorisé."""

    def __init__(self, titulaire, solde=0):
        self.titulaire = titulaire
        self.solde = solde

    def deposer(self, montant):
        """Ajoute montant au solde ; ValueError si montant <= 0."""
        if montant <= 0:
            raise ValueError("le montant doit être positif")
        self.solde = self.solde + montant

    def retirer(self, montant):
        """Retire montant du solde ; ValueError si montant <= 0 ou si le solde est insuffisant."""
        if montant <= 0:
            raise ValueError("le montant doit être positif")
        if montant > self.solde:
            raise ValueError("solde insuffisant")
        self.solde = self.solde - montant
