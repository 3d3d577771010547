// Style : node:test + node:assert/strict — assert.equal sur une chaîne, assert.ok sur un booléen.
const test = require("node:test");
const assert = require("node:assert/strict");
const { saluer, estPalindrome } = require("texte");

test("saluer('Léo') renvoie 'Bonjour Léo !'", () => {
  assert.equal(saluer("Léo"), "Bonjour Léo !", "la phrase exacte, avec l'espace avant « ! »");
});

test("kayak est un palindrome", () => {
  assert.ok(estPalindrome("kayak"), "kayak se lit pareil dans les deux sens");
});
