const test = require("node:test");
const assert = require("node:assert/strict");
const { crier } = require("chaines");

const SECRET = "à bientôt";

test("garde les accents", () => {
  assert.equal(crier(SECRET), "À BIENTÔT !");
});

test("texte vide", () => {
  assert.equal(crier(""), " !");
});
