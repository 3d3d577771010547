// Style : freeCodeCamp — « romain(2) doit renvoyer une chaîne », puis la valeur exacte.
const test = require("node:test");
const assert = require("node:assert/strict");
const { romain } = require("algos");

test("romain(2) renvoie une chaîne", () => {
  assert.strictEqual(typeof romain(2), "string");
});

test('romain(2) renvoie "II"', () => {
  assert.strictEqual(romain(2), "II");
});
