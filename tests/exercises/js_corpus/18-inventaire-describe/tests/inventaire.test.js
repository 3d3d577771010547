// Style : describe/it imbriqués (à la Mocha/Jest), before/beforeEach/afterEach qui construisent et
// vident l'objet de l'apprenant, le même intitulé d'it dans deux describe différents, it async.
const { describe, it, before, beforeEach, afterEach } = require("node:test");
const assert = require("node:assert/strict");
const { Inventaire } = require("inventaire");

describe("Inventaire", () => {
  let inventaire;
  let construits = 0;

  before(() => {
    assert.equal(typeof Inventaire, "function");
  });

  beforeEach(() => {
    inventaire = new Inventaire();
    inventaire.ajouter("stylo", 10);
    inventaire.ajouter("cahier", 3);
    construits += 1;
  });

  afterEach(() => {
    inventaire.vider();
  });

  describe("ajouter", () => {
    it("augmente la quantité d'un article existant", () => {
      inventaire.ajouter("stylo", 5);
      assert.equal(inventaire.quantite("stylo"), 15);
    });

    it("ajoute 1 par défaut", () => {
      inventaire.ajouter("gomme");
      assert.equal(inventaire.quantite("gomme"), 1);
      assert.deepStrictEqual(inventaire.articles, ["cahier", "gomme", "stylo"]);
    });

    it("refuse une quantité invalide", () => {
      assert.throws(() => inventaire.ajouter("stylo", 0), TypeError);
      assert.throws(() => inventaire.ajouter("stylo", 1.5), TypeError);
    });
  });

  describe("retirer", () => {
    it("diminue la quantité", () => {
      inventaire.retirer("stylo", 4);
      assert.equal(inventaire.quantite("stylo"), 6);
    });

    it("supprime l'article arrivé à zéro", () => {
      inventaire.retirer("cahier", 3);
      assert.equal(inventaire.quantite("cahier"), 0);
      assert.deepStrictEqual(inventaire.articles, ["stylo"]);
    });

    it("refuse une quantité invalide", () => {
      assert.throws(() => inventaire.retirer("stylo", -2), TypeError);
    });

    describe("quand le stock ne suffit pas", () => {
      it("lève une RangeError", () => {
        assert.throws(() => inventaire.retirer("cahier", 4), RangeError);
      });

      it("ne change pas le stock", () => {
        assert.throws(() => inventaire.retirer("cahier", 4));
        assert.equal(inventaire.quantite("cahier"), 3);
      });
    });
  });

  describe("total", () => {
    it("additionne les quantités", async () => {
      await Promise.resolve();
      assert.equal(inventaire.total(), 13);
    });

    it("repart d'un inventaire neuf à chaque test (beforeEach)", () => {
      assert.equal(inventaire.quantite("gomme"), 0);
      assert.ok(construits >= 2);
    });
  });
});
