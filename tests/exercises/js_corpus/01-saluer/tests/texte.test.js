// Style : node:test + node:assert (mode classique) — equal, strictEqual, notStrictEqual, ok, match,
// typeof d'un résultat, comparaison stricte de booléens et de nombres.
const test = require("node:test");
const assert = require("node:assert");
const { saluer, estPalindrome, initiales, compterVoyelles, masquerEmail } = require("texte");

test("saluer renvoie une chaîne (elle n'affiche rien)", () => {
  const resultat = saluer("Awa");
  assert.strictEqual(typeof resultat, "string", "saluer doit renvoyer une chaîne avec return");
  assert.strictEqual(resultat, "Bonjour Awa !");
});

test("saluer fonctionne avec un prénom composé", () => {
  assert.equal(saluer("Jean-Michel"), "Bonjour Jean-Michel !");
  assert.notStrictEqual(saluer("Jean"), saluer("Jeanne"), "deux prénoms différents, deux saluts différents");
});

test("les majuscules, espaces et accents ne comptent pas", () => {
  assert.strictEqual(estPalindrome("Ésope reste ici et se repose"), true);
  assert.strictEqual(estPalindrome("Engage le jeu que je le gagne"), true);
});

test("python n'est pas un palindrome", () => {
  assert.strictEqual(estPalindrome("python"), false, "il faut renvoyer false, pas undefined");
});

test("initiales de trois mots", () => {
  assert.strictEqual(initiales("ana maria lopez"), "AML");
});

test("initiales avec des espaces en trop", () => {
  assert.equal(initiales("  léa   dupont "), "LD");
});

test("compterVoyelles compte les voyelles accentuées", () => {
  assert.strictEqual(compterVoyelles("Éléphant"), 3);
  assert.strictEqual(compterVoyelles("rythme"), 2);
  assert.equal(compterVoyelles(""), 0);
});

test("masquerEmail cache le nom mais garde le domaine", () => {
  const masque = masquerEmail("jean.dupont@exemple.fr");
  assert.match(masque, /^j\*{3}@exemple\.fr$/, "la première lettre, trois étoiles, puis le domaine");
  assert.doesNotMatch(masque, /dupont/, "le nom ne doit plus apparaître");
});
