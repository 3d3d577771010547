// Style : tableaux et objets renvoyés — deepStrictEqual, deepEqual (comparaison souple de l'ancien
// assert), notStrictEqual (un nouveau tableau), Array.isArray, Object.keys d'un objet renvoyé.
const { test } = require("node:test");
const assert = require("node:assert");
const { moyenne, statistiques, notesAuDessus, sansDoublons, intervalle, bulletin } = require("notes");

test("la moyenne d'un tableau vide vaut 0", () => {
  assert.strictEqual(moyenne([]), 0, "pas NaN : pensez au tableau vide");
});

test("statistiques renvoie min, max et moyenne", () => {
  assert.deepStrictEqual(statistiques([12, 8, 16]), { min: 8, max: 16, moyenne: 12 });
});

test("statistiques : comparaison souple (deepEqual)", () => {
  assert.deepEqual(statistiques([5, 15]), { min: "5", max: 15, moyenne: 10 });
});

test("notesAuDessus renvoie un nouveau tableau", () => {
  const mesNotes = [12, 7, 15, 9, 10];
  const admises = notesAuDessus(mesNotes, 10);
  assert.ok(Array.isArray(admises), "un tableau est attendu");
  assert.deepStrictEqual(admises, [12, 15, 10]);
  assert.notStrictEqual(admises, mesNotes, "un nouveau tableau, pas celui reçu");
  assert.deepStrictEqual(mesNotes, [12, 7, 15, 9, 10], "le tableau reçu ne change pas");
});

test("sansDoublons trie et retire les doublons", () => {
  assert.deepStrictEqual(sansDoublons([3, 1, 3, 10, 2, 1]), [1, 2, 3, 10]);
});

test("intervalle(3, 6) vaut [3, 4, 5, 6]", () => {
  assert.deepStrictEqual(intervalle(3, 6), [3, 4, 5, 6]);
  assert.strictEqual(intervalle(1, 100).length, 100);
});

test("bulletin associe chaque nom à sa moyenne arrondie", () => {
  const resultat = bulletin([
    { nom: "Awa", notes: [12, 15, 13] },
    { nom: "Léo", notes: [9, 10] },
  ]);
  assert.deepStrictEqual(Object.keys(resultat), ["Awa", "Léo"]);
  assert.deepStrictEqual(resultat, { Awa: 13.3, Léo: 9.5 });
});
