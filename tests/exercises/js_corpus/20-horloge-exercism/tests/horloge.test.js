// Style : traduction pour node:test d'une suite d'Exercism (clock) — describe imbriqués et test()
// dans describe, toString(), instance passée à une méthode d'une autre instance (equals), nouvelle
// instance vs this renvoyé (notStrictEqual / strictEqual), getter, intitulés en tableau.
const { describe, test } = require("node:test");
const assert = require("node:assert/strict");
const { Horloge } = require("horloge");

describe("Horloge", () => {
  describe("création", () => {
    test("à l'heure pile", () => {
      assert.equal(new Horloge(8).toString(), "08:00");
    });

    test("heures et minutes", () => {
      assert.equal(new Horloge(11, 9).toString(), "11:09");
    });

    test("minuit vaut zéro heure", () => {
      assert.equal(new Horloge(24, 0).toString(), "00:00");
    });

    test("les heures font le tour", () => {
      assert.equal(new Horloge(100, 0).toString(), "04:00");
    });

    test("les minutes négatives font le tour", () => {
      assert.equal(new Horloge(1, -40).toString(), "00:20");
      assert.equal(new Horloge(-1, -1).toString(), "22:59");
    });
  });

  describe("ajouter et retirer des minutes", () => {
    test("plus renvoie une nouvelle horloge", () => {
      const horloge = new Horloge(10, 0);
      const plusTard = horloge.plus(3);
      assert.equal(plusTard.toString(), "10:03");
      assert.notStrictEqual(plusTard, horloge);
      assert.equal(horloge.toString(), "10:00", "l'horloge de départ ne change pas");
    });

    test("moins passe minuit", () => {
      assert.equal(new Horloge(0, 3).moins(4).toString(), "23:59");
    });

    test("avancer change l'horloge et la renvoie", () => {
      const horloge = new Horloge(23, 30);
      assert.strictEqual(horloge.avancer(45), horloge);
      assert.equal(`${horloge}`, "00:15");
      assert.equal(horloge.minutesDepuisMinuit, 15);
    });
  });

  describe("comparer deux horloges", () => {
    const cas = [
      [[15, 37], [15, 37], true],
      [[15, 36], [15, 37], false],
      [[10, 37], [34, 37], true],
      [[3, 11], [99, 11], true],
    ];
    for (const [a, b, attendu] of cas) {
      test(`Horloge(${a}) ${attendu ? "=" : "≠"} Horloge(${b})`, () => {
        assert.equal(new Horloge(...a).equals(new Horloge(...b)), attendu);
      });
    }
  });
});
