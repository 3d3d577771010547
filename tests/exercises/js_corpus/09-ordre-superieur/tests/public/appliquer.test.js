// Style : le test passe sa propre fonction fléchée à la fonction de l'apprenant.
const test = require("node:test");
const assert = require("node:assert/strict");
const { appliquer } = require("fonctions");

test("appliquer(x => x * 2, [1, 2]) vaut [2, 4]", () => {
  assert.deepStrictEqual(appliquer((x) => x * 2, [1, 2]), [2, 4]);
});
