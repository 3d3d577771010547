// Style : héritage entre classes de l'apprenant — instanceof de la classe mère, Carre.prototype
// instanceof Rectangle, constructor.name, méthode redéfinie, getter, méthode statique passée à
// Array.prototype.sort du test, décomposition {...forme}, Object.keys, `${forme}` polymorphe.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { Forme, Rectangle, Carre, Cercle } = require("formes");

test("un rectangle de 3 sur 4", () => {
  const r = new Rectangle(3, 4);
  assert.equal(r.aire(), 12);
  assert.equal(r.perimetre(), 14);
  assert.equal(r.nom, "rectangle");
});

test("un carré est un rectangle et une forme", () => {
  const c = new Carre(5);
  assert.ok(c instanceof Carre);
  assert.ok(c instanceof Rectangle, "Carre doit hériter de Rectangle (extends)");
  assert.ok(c instanceof Forme);
  assert.ok(!(c instanceof Cercle));
  assert.ok(Carre.prototype instanceof Rectangle);
});

test("un carré hérite de perimetre()", () => {
  const c = new Carre(5);
  assert.equal(c.aire(), 25);
  assert.equal(c.perimetre(), 20);
  assert.equal(c.nom, "carré");
  assert.equal(c.constructor.name, "Carre");
});

test("le diamètre d'un cercle est un getter", () => {
  const c = new Cercle(2);
  assert.equal(c.diametre, 4);
  assert.ok(Math.abs(c.aire() - 12.566) < 0.001, "aire = π × r²");
});

test("une forme quelconque n'a pas d'aire", () => {
  const f = new Forme("patate");
  assert.throws(() => f.aire(), /n'est pas définie/);
});

test("decrire et `${forme}` selon la classe", () => {
  assert.equal(new Carre(2).decrire(), "carré d'aire 4");
  assert.equal(`${new Cercle(1)}`, "cercle d'aire 3.14");
  const textes = [new Rectangle(1, 2), new Carre(3)].map((forme) => `${forme}`);
  assert.deepStrictEqual(textes, ["rectangle d'aire 2", "carré d'aire 9"]);
});

test("Forme.comparer trie les formes par aire", () => {
  const formes = [new Cercle(2), new Carre(1), new Rectangle(2, 3)];
  formes.sort(Forme.comparer);
  assert.deepStrictEqual(formes.map((f) => f.nom), ["carré", "rectangle", "cercle"]);
  assert.ok(Forme.comparer(new Carre(1), new Carre(2)) < 0);
});

test("les champs d'un rectangle", () => {
  const r = new Rectangle(3, 4);
  assert.deepStrictEqual(Object.keys(r), ["nom", "largeur", "hauteur"]);
  assert.deepStrictEqual({ ...r }, { nom: "rectangle", largeur: 3, hauteur: 4 });
});
