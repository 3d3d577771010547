// Style : Map et Set — instanceof Map/Set, get/has/size, deepStrictEqual avec une Map ou un Set
// attendu, spread [...map.entries()], Map passée par le test, Set du test modifié sur place.
const test = require("node:test");
const assert = require("node:assert/strict");
const { compterMots, motsUniques, communs, inverser, regrouper, ajouterVu } = require("collections");

test("compterMots renvoie une Map", () => {
  const compte = compterMots("le chat et le chien");
  assert.ok(compte instanceof Map, "une Map est attendue, pas un objet");
  assert.equal(compte.get("le"), 2);
  assert.equal(compte.get("chat"), 1);
  assert.equal(compte.has("oiseau"), false);
  assert.equal(compte.size, 4);
});

test("compterMots garde l'ordre d'apparition et ignore la casse", () => {
  assert.deepStrictEqual(
    compterMots("Un deux, UN trois deux un"),
    new Map([["un", 3], ["deux", 2], ["trois", 1]]),
  );
  assert.deepStrictEqual([...compterMots("a b a").keys()], ["a", "b"]);
});

test("motsUniques renvoie un Set", () => {
  const uniques = motsUniques("Été été hiver");
  assert.ok(uniques instanceof Set);
  assert.deepStrictEqual(uniques, new Set(["été", "hiver"]));
});

test("communs de deux Set du test", () => {
  assert.deepStrictEqual(communs(new Set([1, 2, 3]), new Set([2, 3, 4])), new Set([2, 3]));
  assert.equal(communs(new Set(["a"]), new Set(["b"])).size, 0);
});

test("inverser une Map du test", () => {
  const capitales = new Map([["France", "Paris"], ["Sénégal", "Dakar"]]);
  const inverse = inverser(capitales);
  assert.deepStrictEqual([...inverse.entries()], [["Paris", "France"], ["Dakar", "Sénégal"]]);
  assert.equal(capitales.get("France"), "Paris", "la Map reçue ne change pas");
});

test("regrouper range les objets du test dans une Map", () => {
  const personnes = [
    { nom: "Awa", ville: "Lyon" },
    { nom: "Léo", ville: "Lille" },
    { nom: "Inès", ville: "Lyon" },
  ];
  const groupes = regrouper(personnes, "ville");
  assert.deepStrictEqual([...groupes.keys()], ["Lyon", "Lille"]);
  assert.deepStrictEqual(groupes.get("Lyon").map((p) => p.nom), ["Awa", "Inès"]);
  assert.strictEqual(groupes.get("Lille")[0], personnes[1], "les objets reçus, pas des copies");
});

test("ajouterVu ajoute au Set du test", () => {
  const vus = new Set(["a"]);
  assert.equal(ajouterVu(vus, "b"), true);
  assert.equal(ajouterVu(vus, "a"), false);
  assert.deepStrictEqual(vus, new Set(["a", "b"]), "le Set reçu est complété sur place");
});
