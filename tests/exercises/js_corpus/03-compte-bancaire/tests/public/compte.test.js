// Style : node:test — new d'une classe de l'apprenant, lecture d'un getter, appel de méthode.
const test = require("node:test");
const assert = require("node:assert/strict");
const { Compte } = require("banque");

test("new Compte(100) a un solde de 100", () => {
  const compte = new Compte(100);
  assert.equal(compte.solde, 100);
});

test("déposer 50 sur un compte de 100 donne 150", () => {
  const compte = new Compte(100);
  compte.deposer(50);
  assert.equal(compte.solde, 150);
});
