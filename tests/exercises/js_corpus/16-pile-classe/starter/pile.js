module.exports = class Pile {
  constructor(elements = []) {
    this.elements = elements;
  }

  empiler(element) {
    this.elements.push(element);
  }

  depiler() {
    return this.elements.pop();
  }

  sommet() {
    return this.elements[0];
  }

  estVide() {
    return this.elements.length === 0;
  }

  versTableau() {
    return this.elements;
  }

  static depuis(iterable) {
    return new Pile();
  }
};
