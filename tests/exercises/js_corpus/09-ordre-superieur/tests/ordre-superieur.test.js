// Style : rappels et fonctions d'ordre supérieur — fonctions du test passées à l'apprenant (fléchées,
// prédicat à deux paramètres, fermeture qui compte ses appels), mock.fn() et t.mock.fn() vérifiés
// avec mock.calls, fonctions de l'apprenant passées à Array.prototype.map/filter/sort du test,
// fonction renvoyée par l'apprenant (fermeture à état), erreur levée par le rappel du test.
const { test, mock } = require("node:test");
const assert = require("node:assert/strict");
const f = require("fonctions");

test("appliquer avec une fonction qui renvoie des chaînes", () => {
  assert.deepStrictEqual(f.appliquer((mot) => mot.toUpperCase(), ["a", "b"]), ["A", "B"]);
  assert.deepStrictEqual(f.appliquer((x) => x, []), []);
});

test("filtrer avec un prédicat du test", () => {
  const predicat = (n) => n > 2;
  assert.deepStrictEqual(f.filtrer(predicat, [1, 5, 2, 8]), [5, 8]);
});

test("filtrer passe aussi l'indice au prédicat", () => {
  assert.deepStrictEqual(f.filtrer((_element, index) => index % 2 === 0, ["a", "b", "c", "d"]), ["a", "c"]);
});

test("repeter appelle l'action n fois (compteur du test)", () => {
  let appels = 0;
  const vus = [];
  f.repeter(3, (i) => {
    appels += 1;
    vus.push(i);
  });
  assert.equal(appels, 3, "l'action doit être appelée 3 fois");
  assert.deepStrictEqual(vus, [0, 1, 2]);
});

test("repeter vérifié avec mock.fn()", () => {
  const action = mock.fn();
  f.repeter(4, action);
  assert.equal(action.mock.calls.length, 4);
  assert.deepStrictEqual(action.mock.calls[2].arguments, [2]);
});

test("t.mock.fn() avec une implémentation", (t) => {
  const carre = t.mock.fn((x) => x * x);
  assert.deepStrictEqual(f.appliquer(carre, [1, 2, 3]), [1, 4, 9]);
  assert.equal(carre.mock.callCount(), 3);
  assert.deepStrictEqual(carre.mock.calls.map((c) => c.result), [1, 4, 9]);
});

test("les fonctions de l'apprenant dans map, filter et sort du test", () => {
  assert.deepStrictEqual([1, 2, 3].map(f.doubler), [2, 4, 6]);
  assert.deepStrictEqual([1, 2, 3, 4].filter(f.estPair), [2, 4]);
  const eleves = [{ nom: "Léo" }, { nom: "Awa" }, { nom: "Inès" }];
  eleves.sort(f.comparerPar("nom"));
  assert.deepStrictEqual(eleves.map((e) => e.nom), ["Awa", "Inès", "Léo"]);
});

test("composer deux fonctions de l'apprenant, ou une du test", () => {
  const doublerPuisIncrementer = f.composer((x) => x + 1, f.doubler);
  assert.equal(doublerPuisIncrementer(5), 11);
  assert.equal(f.composer(f.doubler, f.doubler)(3), 12);
  assert.equal(typeof doublerPuisIncrementer, "function");
});

test("creerCompteur renvoie une fonction qui garde son état", () => {
  const compteur = f.creerCompteur();
  compteur();
  compteur();
  assert.equal(compteur(), 3);
  const autre = f.creerCompteur(10);
  assert.equal(autre(), 11, "chaque compteur a son propre état");
  assert.equal(compteur(), 4);
});

test("memoriser n'appelle la fonction qu'une fois par argument", () => {
  const lente = mock.fn((n) => n * 100);
  const rapide = f.memoriser(lente);
  assert.equal(rapide(2), 200);
  assert.equal(rapide(2), 200);
  assert.equal(rapide(3), 300);
  assert.equal(lente.mock.callCount(), 2);
});

test("une erreur levée par le rappel remonte jusqu'au test", () => {
  assert.throws(
    () => f.appliquer((x) => {
      if (x > 1) throw new RangeError(`trop grand : ${x}`);
      return x;
    }, [1, 2]),
    RangeError,
  );
});
