// Style : valeurs particulières — BigInt (typeof, 25n), NaN (Number.isNaN, Object.is, deepStrictEqual),
// null et undefined (strictEqual), -0 et Infinity, Number.EPSILON, structures imbriquées
// (deepStrictEqual), allers-retours JSON (JSON.parse(JSON.stringify(...))), toJSON d'une classe de l'apprenant.
const test = require("node:test");
const assert = require("node:assert/strict");
const v = require("valeurs");

test("factorielle en BigInt", () => {
  const f25 = v.factorielle(25n);
  assert.equal(typeof f25, "bigint", "un BigInt est attendu");
  assert.equal(f25, 15511210043330985984000000n);
  assert.equal(v.factorielle(0n), 1n);
});

test("enNombre renvoie NaN pour un texte qui n'est pas un nombre", () => {
  assert.ok(Number.isNaN(v.enNombre("douze")));
  assert.ok(Object.is(v.enNombre(""), NaN));
  assert.deepStrictEqual([v.enNombre("abc")], [NaN], "deepStrictEqual considère NaN égal à NaN");
  assert.equal(v.enNombre("3,5"), 3.5);
});

test("-0 et Infinity", () => {
  assert.ok(Object.is(v.enNombre("-0"), -0), "-0 est gardé");
  assert.equal(v.enNombre("Infinity"), Infinity);
});

test("undefined et null", () => {
  assert.strictEqual(v.premierPair([1, 3, 5]), undefined, "undefined quand il n'y a pas de nombre pair");
  assert.strictEqual(v.premierPair([1, 4, 6]), 4);
  assert.strictEqual(v.chercher({ a: { b: null } }, "a.b.c"), null);
  assert.strictEqual(v.chercher({ a: { b: { c: 0 } } }, "a.b.c"), 0);
  assert.strictEqual(v.chercher({ a: { b: undefined } }, "a.b"), undefined);
});

test("0.1 + 0.2 vaut 0.3 à Number.EPSILON près", () => {
  const somme = v.additionner(0.1, 0.2);
  assert.notStrictEqual(somme, 0.3, "les flottants ne sont pas exacts");
  assert.ok(Math.abs(somme - 0.3) < Number.EPSILON, "comparez avec Number.EPSILON");
});

test("fusionner deux structures imbriquées", () => {
  const a = { nom: "Awa", adresse: { ville: "Lyon", cp: "69001" }, tags: ["a"] };
  const b = { adresse: { cp: "69002" }, tags: ["b", "c"], age: null };
  assert.deepStrictEqual(v.fusionner(a, b), {
    nom: "Awa",
    adresse: { ville: "Lyon", cp: "69002" },
    tags: ["b", "c"],
    age: null,
  });
  assert.deepStrictEqual(a.adresse, { ville: "Lyon", cp: "69001" }, "l'objet a ne change pas");
});

test("aller-retour JSON", () => {
  const donnees = { nom: "Léo", notes: [12, 15.5], inscrit: true, tuteur: null, adresse: { ville: "Lille" } };
  const texte = v.versJSON(donnees);
  assert.equal(typeof texte, "string");
  assert.match(texte, /\n  "nom": "Léo"/, "indentation de 2 espaces");
  assert.deepStrictEqual(v.depuisJSON(texte), donnees);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(v.depuisJSON(texte))), donnees);
});

test("toJSON d'un Produit", () => {
  const produit = new v.Produit("Stylo", 150);
  assert.equal(JSON.stringify(produit), '{"nom":"Stylo","prix":1.5}');
  assert.deepStrictEqual(JSON.parse(v.versJSON([produit])), [{ nom: "Stylo", prix: 1.5 }]);
});
