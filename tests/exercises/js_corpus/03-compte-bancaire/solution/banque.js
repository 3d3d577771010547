class SoldeInsuffisant extends Error {
  constructor(solde, montant) {
    super(`Solde insuffisant : ${solde} € disponibles, ${montant} € demandés`);
    this.name = "SoldeInsuffisant";
    this.code = "SOLDE_INSUFFISANT";
    this.manque = montant - solde;
  }
}

class Compte {
  #solde;
  #plafond = 500;

  constructor(solde = 0, titulaire = "Anonyme") {
    if (solde < 0) throw new RangeError("Le solde initial ne peut pas être négatif");
    this.#solde = solde;
    this.titulaire = titulaire;
    this.operations = [];
  }

  get solde() {
    return this.#solde;
  }

  get plafond() {
    return this.#plafond;
  }

  set plafond(valeur) {
    if (valeur < 0) throw new RangeError("Le plafond ne peut pas être négatif");
    this.#plafond = valeur;
  }

  deposer(montant) {
    if (!(montant > 0)) throw new RangeError("Le montant doit être positif");
    this.#solde += montant;
    this.operations.push(montant);
  }

  retirer(montant) {
    if (!(montant > 0)) throw new RangeError("Le montant doit être positif");
    if (montant > this.#solde) throw new SoldeInsuffisant(this.#solde, montant);
    this.#solde -= montant;
    this.operations.push(-montant);
  }

  toString() {
    return `Compte de ${this.titulaire} : ${this.#solde} €`;
  }

  static ouvrir(titulaire) {
    return new Compte(0, titulaire);
  }
}

module.exports = { Compte, SoldeInsuffisant };
