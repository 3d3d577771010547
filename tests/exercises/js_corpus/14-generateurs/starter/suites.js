function* compter(debut, fin) {
  for (let i = debut; i < fin; i += 1) yield i;
}

function* fibonacci() {
  yield 0;
  yield 1;
}

function* prendre(iterable, n) {
  yield* iterable;
}

function* accumulateur() {
  yield 0;
}

class Intervalle {
  constructor(debut, fin, pas = 1) {
    this.debut = debut;
    this.fin = fin;
    this.pas = pas;
  }

  *[Symbol.iterator]() {
    yield this.debut;
  }
}

module.exports = { compter, fibonacci, prendre, accumulateur, Intervalle };
