// Style : tests générés par une boucle sur une table de cas (un test() par cas, intitulé calculé),
// comme les listes de vérifications de freeCodeCamp ; strictEqual sur chaînes, booléens et nombres.
const test = require("node:test");
const assert = require("node:assert/strict");
const { romain, cesar, telephoneValide, sommeEntre } = require("algos");

const ROMAINS = [
  [3, "III"], [4, "IV"], [9, "IX"], [36, "XXXVI"], [400, "CD"], [1994, "MCMXCIV"], [3999, "MMMCMXCIX"],
];
for (const [nombre, attendu] of ROMAINS) {
  test(`romain(${nombre}) renvoie "${attendu}"`, () => {
    assert.strictEqual(romain(nombre), attendu);
  });
}

const CESAR = [
  ["SERR PBQR PNZC", "FREE CODE CAMP"],
  ["SERR YBIR?", "FREE LOVE?"],
  ["GUR DHVPX OEBJA SBK WHZCF BIRE GUR YNML QBT.", "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG."],
];
for (const [chiffre, clair] of CESAR) {
  test(`cesar("${chiffre}") décode le message`, () => {
    assert.strictEqual(cesar(chiffre), clair);
  });
}

test("cesar avec un autre décalage, aller et retour", () => {
  assert.strictEqual(cesar("ABC", 3), "DEF");
  assert.strictEqual(cesar(cesar("BONJOUR", 5), -5), "BONJOUR");
});

const TELEPHONES = {
  "06 12 34 56 78": true,
  "0612345678": true,
  "06.12.34.56.78": true,
  "+33 6 12 34 56 78": true,
  "06 12 34 56": false,
  "06-12.34 56 78": false,
  "00 12 34 56 78": false,
  "numéro": false,
};
for (const [numero, valide] of Object.entries(TELEPHONES)) {
  test(`telephoneValide("${numero}") renvoie ${valide}`, () => {
    assert.strictEqual(telephoneValide(numero), valide);
  });
}

test("sommeEntre([1, 4]) et sommeEntre([4, 1]) valent 10", () => {
  assert.strictEqual(sommeEntre([1, 4]), 10);
  assert.strictEqual(sommeEntre([4, 1]), 10);
  assert.strictEqual(sommeEntre([5, 10]), 45);
});
