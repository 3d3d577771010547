// Style : require d'un second fichier de l'apprenant (exports.x = ...).
const test = require("node:test");
const assert = require("node:assert/strict");
const tva = require("tva");

test("ttc(10) vaut 12", () => {
  assert.equal(tva.TAUX, 0.2);
  assert.equal(tva.ttc(10), 12);
});
