// Style : classes (new, méthodes, getter en lecture seule, getter/setter, méthode statique, instanceof,
// toString et gabarit `${compte}`, deepStrictEqual entre deux instances, lecture de champs) et erreur de
// l'apprenant (assert.throws(fn, SoldeInsuffisant), err instanceof Error, err.code, objet de validation).
// Fichier en mode non strict (pas de "use strict"), comme beaucoup de fichiers de tests.
const test = require("node:test");
const assert = require("node:assert/strict");
const { Compte, SoldeInsuffisant } = require("banque");

test("un compte créé est une instance de Compte", () => {
  const compte = new Compte(10, "Awa");
  assert.ok(compte instanceof Compte, "new Compte(...) doit donner un Compte");
  assert.equal(typeof compte.deposer, "function");
});

test("les champs titulaire et operations", () => {
  const compte = new Compte(100, "Awa");
  compte.deposer(50);
  compte.retirer(30);
  assert.equal(compte.titulaire, "Awa");
  assert.deepStrictEqual(compte.operations, [50, -30], "les dépôts positifs, les retraits négatifs");
  assert.equal(compte.solde, 120);
});

test("le solde est en lecture seule", () => {
  const compte = new Compte(100);
  compte.solde = 1000000;
  assert.equal(compte.solde, 100, "écrire compte.solde ne doit rien changer : utilisez un getter");
});

test("le plafond se lit et s'écrit", () => {
  const compte = new Compte(0);
  assert.equal(compte.plafond, 500, "500 par défaut");
  compte.plafond = 800;
  assert.equal(compte.plafond, 800);
  assert.throws(() => {
    compte.plafond = -1;
  }, RangeError);
});

test("Compte.ouvrir crée un compte vide", () => {
  const compte = Compte.ouvrir("Léo");
  assert.ok(compte instanceof Compte);
  assert.equal(compte.solde, 0);
  assert.equal(compte.titulaire, "Léo");
});

test("toString et gabarit de chaîne", () => {
  const compte = new Compte(100, "Awa");
  assert.equal(compte.toString(), "Compte de Awa : 100 €");
  assert.equal(`${compte}`, "Compte de Awa : 100 €", "un gabarit `${compte}` appelle toString()");
  assert.equal(String(compte), "Compte de Awa : 100 €");
  assert.equal("Bilan. " + compte, "Bilan. Compte de Awa : 100 €");
});

test("deux comptes identiques sont égaux en profondeur", () => {
  const a = new Compte(50, "Léa");
  const b = new Compte(50, "Léa");
  a.deposer(5);
  b.deposer(5);
  assert.deepStrictEqual(a, b);
  assert.notStrictEqual(a, b, "deux comptes distincts");
  b.deposer(1);
  assert.notDeepStrictEqual(a, b);
});

test("un montant négatif lève une RangeError", () => {
  const compte = new Compte(100);
  assert.throws(() => compte.deposer(-5), RangeError);
  assert.throws(() => new Compte(-1), RangeError, "un solde initial négatif est refusé");
});

test("retirer plus que le solde lève SoldeInsuffisant", () => {
  const compte = new Compte(100);
  assert.throws(() => compte.retirer(150), SoldeInsuffisant);
  assert.equal(compte.solde, 100, "le solde n'a pas changé");
});

test("SoldeInsuffisant est une Error avec un code", () => {
  const compte = new Compte(100);
  try {
    compte.retirer(130);
    assert.fail("retirer(130) aurait dû lever une erreur");
  } catch (err) {
    assert.ok(err instanceof SoldeInsuffisant);
    assert.ok(err instanceof Error, "SoldeInsuffisant hérite de Error");
    assert.equal(err.name, "SoldeInsuffisant");
    assert.equal(err.code, "SOLDE_INSUFFISANT");
    assert.equal(err.manque, 30);
    assert.match(err.message, /insuffisant/i);
  }
});

test("SoldeInsuffisant vérifiée avec un objet", () => {
  const compte = new Compte(10);
  assert.throws(() => compte.retirer(25), {
    name: "SoldeInsuffisant",
    code: "SOLDE_INSUFFISANT",
    manque: 15,
  });
});
