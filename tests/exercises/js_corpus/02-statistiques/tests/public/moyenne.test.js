// Style : node:test, `const { test } = require(...)`, assert/strict — un nombre comparé avec equal.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const notes = require("notes");

test("la moyenne de 10 et 20 vaut 15", () => {
  assert.equal(notes.moyenne([10, 20]), 15);
});
