class Inventaire {
  #stock = new Map();

  static #verifier(quantite) {
    if (!Number.isInteger(quantite) || quantite <= 0) throw new TypeError("La quantité doit être un entier positif");
  }

  ajouter(nom, quantite = 1) {
    Inventaire.#verifier(quantite);
    this.#stock.set(nom, this.quantite(nom) + quantite);
  }

  retirer(nom, quantite = 1) {
    Inventaire.#verifier(quantite);
    const restant = this.quantite(nom) - quantite;
    if (restant < 0) throw new RangeError(`Stock insuffisant pour ${nom}`);
    if (restant === 0) this.#stock.delete(nom);
    else this.#stock.set(nom, restant);
  }

  quantite(nom) {
    return this.#stock.get(nom) ?? 0;
  }

  get articles() {
    return [...this.#stock.keys()].sort();
  }

  total() {
    let somme = 0;
    for (const quantite of this.#stock.values()) somme += quantite;
    return somme;
  }

  vider() {
    this.#stock.clear();
  }
}

module.exports = { Inventaire };
