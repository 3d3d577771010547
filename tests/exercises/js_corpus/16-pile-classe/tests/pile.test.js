// Style : module.exports = class — `const Pile = require("pile")`, new, instanceof, méthodes
// enchaînées (renvoient this : strictEqual sur l'instance), getter, méthode et champ statiques,
// assert.throws, beforeEach qui construit la pile, tableau du test passé au constructeur.
const { describe, it, beforeEach } = require("node:test");
const assert = require("node:assert/strict");
const Pile = require("pile");

describe("Pile", () => {
  let pile;

  beforeEach(() => {
    pile = new Pile();
  });

  it("est une classe", () => {
    assert.equal(typeof Pile, "function");
    assert.equal(Pile.name, "Pile");
    assert.ok(pile instanceof Pile);
  });

  it("une nouvelle pile est vide", () => {
    assert.equal(pile.estVide(), true);
    assert.equal(pile.taille, 0);
    assert.equal(pile.sommet(), undefined);
  });

  it("empiler renvoie la pile (enchaînement)", () => {
    assert.strictEqual(pile.empiler(1), pile);
    pile.empiler(2).empiler(3, 4);
    assert.equal(pile.taille, 4);
    assert.equal(pile.sommet(), 4);
  });

  it("dépiler renvoie le dernier empilé", () => {
    pile.empiler("a", "b");
    assert.equal(pile.depiler(), "b");
    assert.equal(pile.depiler(), "a");
    assert.throws(() => pile.depiler(), { message: "Pile vide" });
  });

  it("versTableau renvoie une copie", () => {
    pile.empiler(1, 2);
    const tableau = pile.versTableau();
    tableau.push(99);
    assert.deepStrictEqual(pile.versTableau(), [1, 2]);
  });

  it("le tableau de départ n'est pas modifié", () => {
    const depart = [1, 2];
    const p = new Pile(depart);
    p.empiler(3);
    assert.deepStrictEqual(depart, [1, 2]);
    assert.equal(p.sommet(), 3);
  });

  it("Pile.depuis et Pile.CAPACITE_MAX", () => {
    const p = Pile.depuis(new Set(["x", "y"]));
    assert.ok(p instanceof Pile);
    assert.equal(p.sommet(), "y");
    assert.equal(Pile.CAPACITE_MAX, 100);
    assert.throws(() => new Pile().empiler(...Array(101).fill(0)), RangeError);
  });
});
