class SoldeInsuffisant(Exception):
    """Un retrait plus grand que le solde."""


class MontantInvalide(ValueError):
    """Un montant nul ou négatif."""


class Compte:
    devise = "EUR"
    nombre_de_comptes = 0

    def __init__(self, titulaire, solde=0):
        self.titulaire = titulaire
        self._solde = solde
        self.historique = []
        Compte.nombre_de_comptes += 1

    @property
    def solde(self):
        return self._solde

    def deposer(self, montant):
        if montant <= 0:
            raise MontantInvalide(f"montant invalide : {montant}")
        self._solde += montant
        self.historique.append(("depot", montant))

    def retirer(self, montant):
        if montant <= 0:
            raise MontantInvalide(f"montant invalide : {montant}")
        if montant > self._solde:
            raise SoldeInsuffisant(self._solde, montant)
        self._solde -= montant
        self.historique.append(("retrait", montant))
