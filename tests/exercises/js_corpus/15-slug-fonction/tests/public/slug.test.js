// Style : `const slugifier = require("slug")` — le module est une fonction, appelée directement.
const test = require("node:test");
const assert = require("node:assert/strict");
const slugifier = require("slug");

test("« Bonjour le monde » devient « bonjour-le-monde »", () => {
  assert.equal(slugifier("Bonjour le monde"), "bonjour-le-monde");
});
