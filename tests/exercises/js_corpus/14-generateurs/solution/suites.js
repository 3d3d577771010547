function* compter(debut, fin) {
  for (let i = debut; i <= fin; i += 1) yield i;
}

function* fibonacci() {
  let [a, b] = [0, 1];
  for (;;) {
    yield a;
    [a, b] = [b, a + b];
  }
}

function* prendre(iterable, n) {
  if (n <= 0) return;
  let pris = 0;
  for (const element of iterable) {
    yield element;
    pris += 1;
    if (pris >= n) return;
  }
}

function* accumulateur() {
  let total = 0;
  for (;;) {
    const ajout = yield total;
    total += ajout ?? 0;
  }
}

class Intervalle {
  constructor(debut, fin, pas = 1) {
    this.debut = debut;
    this.fin = fin;
    this.pas = pas;
  }

  get longueur() {
    return Math.max(0, Math.floor((this.fin - this.debut) / this.pas) + 1);
  }

  *[Symbol.iterator]() {
    for (let x = this.debut; x <= this.fin; x += this.pas) yield x;
  }
}

module.exports = { compter, fibonacci, prendre, accumulateur, Intervalle };
