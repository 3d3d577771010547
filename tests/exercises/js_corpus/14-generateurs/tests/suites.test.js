// Style : générateurs et itérateurs de l'apprenant — spread [...gen()], for...of (avec break sur une
// suite infinie), next() et { value, done }, next(x) qui envoie une valeur, Array.from, déstructuration,
// générateur de l'apprenant qui consomme un itérable du test, classe itérable ([Symbol.iterator]).
const test = require("node:test");
const assert = require("node:assert/strict");
const { compter, fibonacci, prendre, accumulateur, Intervalle } = require("suites");

test("[...compter(1, 4)] vaut [1, 2, 3, 4]", () => {
  assert.deepStrictEqual([...compter(1, 4)], [1, 2, 3, 4]);
  assert.deepStrictEqual([...compter(5, 4)], []);
});

test("next() donne { value, done }", () => {
  const gen = compter(1, 2);
  assert.deepStrictEqual(gen.next(), { value: 1, done: false });
  assert.deepStrictEqual(gen.next(), { value: 2, done: false });
  assert.deepStrictEqual(gen.next(), { value: undefined, done: true });
  assert.equal(gen.next().done, true);
});

test("for...of avec break sur fibonacci (suite infinie)", () => {
  const termes = [];
  for (const terme of fibonacci()) {
    if (terme > 20) break;
    termes.push(terme);
  }
  assert.deepStrictEqual(termes, [0, 1, 1, 2, 3, 5, 8, 13]);
});

test("déstructuration d'un générateur", () => {
  const [a, b, c, d] = fibonacci();
  assert.deepStrictEqual([a, b, c, d], [0, 1, 1, 2]);
});

test("prendre les premiers éléments de fibonacci", () => {
  assert.deepStrictEqual(Array.from(prendre(fibonacci(), 6)), [0, 1, 1, 2, 3, 5]);
  assert.deepStrictEqual([...prendre(fibonacci(), 0)], []);
});

test("prendre accepte un itérable du test", () => {
  assert.deepStrictEqual([...prendre(["a", "b", "c"], 2)], ["a", "b"]);
  assert.deepStrictEqual([...prendre(new Set([7, 8, 9]), 5)], [7, 8, 9]);
});

test("accumulateur reçoit les valeurs de next(x)", () => {
  const acc = accumulateur();
  assert.equal(acc.next().value, 0);
  assert.equal(acc.next(5).value, 5);
  assert.equal(acc.next(10).value, 15);
});

test("un Intervalle est itérable", () => {
  const intervalle = new Intervalle(1, 9, 2);
  assert.deepStrictEqual([...intervalle], [1, 3, 5, 7, 9]);
  assert.equal(intervalle.longueur, 5);
  let somme = 0;
  for (const x of new Intervalle(1, 4)) somme += x;
  assert.equal(somme, 10);
  assert.equal(typeof intervalle[Symbol.iterator], "function");
});
