// Style : module.exports = function — typeof du module, nom et nombre de paramètres de la fonction,
// propriété ajoutée à la fonction, appel avec un paramètre par défaut, fonction passée à map.
const test = require("node:test");
const assert = require("node:assert/strict");
const slugifier = require("slug");

test("le module exporte une fonction", () => {
  assert.equal(typeof slugifier, "function", "module.exports doit être la fonction elle-même");
  assert.equal(slugifier.name, "slugifier");
});

test("les accents et la ponctuation disparaissent", () => {
  assert.equal(slugifier("Été : où êtes-vous ?"), "ete-ou-etes-vous");
  assert.equal(slugifier("  --Déjà vu!!  "), "deja-vu");
});

test("un autre séparateur", () => {
  assert.equal(slugifier("Les Misérables", "_"), "les_miserables");
});

test("slugifier.version", () => {
  assert.equal(slugifier.version, "1.0");
});

test("slugifier passé à map", () => {
  assert.deepStrictEqual(["A b", "C d"].map((titre) => slugifier(titre)), ["a-b", "c-d"]);
});
