// Style : assert.throws(fn, ClasseIntégrée) et assert.doesNotThrow.
const test = require("node:test");
const assert = require("node:assert/strict");
const { verifierAge } = require("validation");

test("un âge négatif lève une RangeError", () => {
  assert.throws(() => verifierAge(-1), RangeError);
});

test("un âge correct ne lève rien", () => {
  assert.doesNotThrow(() => verifierAge(30));
  assert.equal(verifierAge(30), true);
});
