class Inventaire {
  constructor() {
    this.stock = {};
  }

  ajouter(nom, quantite = 1) {
    this.stock[nom] = quantite;
  }

  retirer(nom, quantite = 1) {
    this.stock[nom] -= quantite;
  }

  quantite(nom) {
    return this.stock[nom];
  }

  get articles() {
    return Object.keys(this.stock);
  }

  total() {
    return 0;
  }

  vider() {}
}

module.exports = { Inventaire };
