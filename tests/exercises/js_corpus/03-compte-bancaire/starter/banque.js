class SoldeInsuffisant extends Error {}

class Compte {
  constructor(solde = 0, titulaire = "Anonyme") {
    this.solde = solde;
    this.titulaire = titulaire;
    this.operations = [];
    this.plafond = 500;
  }

  deposer(montant) {
    this.solde += montant;
  }

  retirer(montant) {
    this.solde -= montant;
  }

  static ouvrir(titulaire) {
    return new Compte(0, titulaire);
  }
}

module.exports = { Compte, SoldeInsuffisant };
