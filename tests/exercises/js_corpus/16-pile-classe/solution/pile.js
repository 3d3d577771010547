module.exports = class Pile {
  static CAPACITE_MAX = 100;

  #elements;

  constructor(elements = []) {
    this.#elements = [...elements];
  }

  empiler(...elements) {
    if (this.#elements.length + elements.length > Pile.CAPACITE_MAX) throw new RangeError("Pile pleine");
    this.#elements.push(...elements);
    return this;
  }

  depiler() {
    if (this.estVide()) throw new Error("Pile vide");
    return this.#elements.pop();
  }

  sommet() {
    return this.#elements[this.#elements.length - 1];
  }

  get taille() {
    return this.#elements.length;
  }

  estVide() {
    return this.#elements.length === 0;
  }

  versTableau() {
    return [...this.#elements];
  }

  static depuis(iterable) {
    return new Pile([...iterable]);
  }
};
