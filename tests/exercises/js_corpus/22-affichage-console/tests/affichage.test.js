// Style : sortie affichée par l'apprenant — console.log espionné avec t.mock.method (appels et
// arguments), puis sortie capturée en remplaçant process.stdout.write le temps de l'appel.
const test = require("node:test");
const assert = require("node:assert/strict");
const { afficherTable, afficherRecu } = require("affichage");

function capturer(fonction) {
  const morceaux = [];
  const ecrire = process.stdout.write;
  process.stdout.write = (morceau) => {
    morceaux.push(String(morceau));
    return true;
  };
  try {
    fonction();
  } finally {
    process.stdout.write = ecrire;
  }
  return morceaux.join("");
}

test("afficherTable(7) appelle console.log dix fois", (t) => {
  const log = t.mock.method(console, "log", () => {});
  const retour = afficherTable(7);
  assert.equal(retour, undefined, "afficherTable affiche, elle ne renvoie rien");
  assert.equal(log.mock.callCount(), 10);
  assert.deepStrictEqual(log.mock.calls[0].arguments, ["7 x 1 = 7"]);
  assert.deepStrictEqual(log.mock.calls[9].arguments, ["7 x 10 = 70"]);
});

test("afficherRecu : sortie capturée sur process.stdout", () => {
  const sortie = capturer(() => afficherRecu([{ nom: "Pain", prix: 1.2 }, { nom: "Lait", prix: 0.95 }]));
  assert.equal(sortie, "Pain : 1.20 €\nLait : 0.95 €\nTotal : 2.15 €\n");
});
