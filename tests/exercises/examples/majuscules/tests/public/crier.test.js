const test = require("node:test");
const assert = require("node:assert/strict");
const { crier } = require("chaines");

test("crier('bonjour') renvoie 'BONJOUR !'", () => {
  assert.equal(crier("bonjour"), "BONJOUR !", "le texte en majuscules, suivi d'un espace et de « ! »");
});
