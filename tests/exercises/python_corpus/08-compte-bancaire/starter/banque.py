class SoldeInsuffisant(Exception):
    pass


class MontantInvalide(Exception):
    pass


class Compte:
    def __init__(self, titulaire, solde=0):
        self.titulaire = titulaire
        self.solde = solde

    def deposer(self, montant):
        self.solde += montant

    def retirer(self, montant):
        self.solde -= montant
