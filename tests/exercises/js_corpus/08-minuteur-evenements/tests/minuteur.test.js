// Style : événements — une classe de l'apprenant qui hérite d'EventEmitter, écouteurs du test
// enregistrés avec on/once et appelés pendant un appel, mock.fn() comme écouteur, enchaînement
// (la méthode renvoie this), instanceof EventEmitter, événement "error".
const { test, mock } = require("node:test");
const assert = require("node:assert/strict");
const { EventEmitter } = require("node:events");
const { Minuteur } = require("minuteur");

test("un minuteur est un EventEmitter", () => {
  const m = new Minuteur("œufs");
  assert.ok(m instanceof Minuteur);
  assert.ok(m instanceof EventEmitter, "Minuteur doit hériter d'EventEmitter");
});

test("decompter(3) émet tic 3, 2, 1 puis fin", () => {
  const m = new Minuteur("thé");
  const recus = [];
  m.on("tic", (n) => recus.push(n));
  m.on("fin", (nom) => recus.push(`fin de ${nom}`));
  m.decompter(3);
  assert.deepStrictEqual(recus, [3, 2, 1, "fin de thé"]);
});

test("un écouteur mock.fn() est appelé à chaque tic", () => {
  const m = new Minuteur("pâtes");
  const ecouteur = mock.fn();
  m.on("tic", ecouteur);
  m.decompter(4);
  assert.equal(ecouteur.mock.calls.length, 4);
  assert.deepStrictEqual(ecouteur.mock.calls.map((appel) => appel.arguments), [[4], [3], [2], [1]]);
});

test("decompter renvoie le minuteur (enchaînement)", () => {
  const m = new Minuteur("riz");
  const fins = mock.fn();
  assert.strictEqual(m.once("fin", fins), m, "on/once renvoient le minuteur");
  assert.strictEqual(m.decompter(1), m, "decompter renvoie this");
  m.decompter(1).decompter(2);
  assert.equal(fins.mock.callCount(), 1, "once : un seul appel");
  assert.equal(m.listenerCount("fin"), 0);
});

test("un décompte négatif émet une RangeError sur l'événement error", () => {
  const m = new Minuteur("gâteau");
  const erreurs = [];
  m.on("error", (err) => erreurs.push(err));
  m.decompter(-1);
  assert.equal(erreurs.length, 1);
  assert.ok(erreurs[0] instanceof RangeError);
});
