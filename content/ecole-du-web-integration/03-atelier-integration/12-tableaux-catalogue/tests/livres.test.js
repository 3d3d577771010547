const test = require("node:test");
const assert = require("node:assert/strict");
const { titres, totalPages, parAuteur, plusRecent } = require("livres");

function geler(livres) {
  return Object.freeze(livres.map((livre) => Object.freeze({ ...livre })));
}

const catalogue = geler([
  { titre: "Astérix le Gaulois", auteur: "René Goscinny", annee: 1961, pages: 48, disponible: true },
  { titre: "Persepolis", auteur: "Marjane Satrapi", annee: 2000, pages: 352, disponible: false },
  { titre: "L'Arabe du futur", auteur: "Riad Sattouf", annee: 2014, pages: 160, disponible: true },
  { titre: "Les Cahiers d'Esther", auteur: "Riad Sattouf", annee: 2016, pages: 56, disponible: true },
  { titre: "Blast", auteur: "Manu Larcenet", annee: 2016, pages: 208, disponible: false },
]);

test("titres d'un tableau vide", () => {
  assert.deepEqual(titres([]), []);
});

test("titres sur un autre catalogue", () => {
  assert.deepEqual(titres(catalogue), ["Astérix le Gaulois", "Persepolis", "L'Arabe du futur", "Les Cahiers d'Esther", "Blast"]);
});

test("totalPages d'un tableau vide vaut 0", () => {
  assert.equal(totalPages([]), 0);
});

test("totalPages sur un autre catalogue", () => {
  assert.equal(totalPages(catalogue), 824);
});

test("parAuteur ignore les majuscules", () => {
  assert.deepEqual(parAuteur(catalogue, "RIAD SATTOUF").map((l) => l.titre), ["L'Arabe du futur", "Les Cahiers d'Esther"]);
});

test("parAuteur d'un auteur absent renvoie un tableau vide", () => {
  assert.deepEqual(parAuteur(catalogue, "Annie Ernaux"), []);
});

test("parAuteur renvoie les livres eux-mêmes", () => {
  assert.deepEqual(parAuteur(catalogue, "Manu Larcenet"), [catalogue[4]]);
});

test("plusRecent : le premier en cas d'égalité", () => {
  assert.equal(plusRecent(catalogue), catalogue[3], "deux livres de 2016 : le premier rencontré");
});

test("plusRecent d'un seul livre", () => {
  assert.equal(plusRecent([catalogue[0]]), catalogue[0]);
});

test("aucune fonction ne modifie le catalogue", () => {
  const copie = JSON.stringify(catalogue);
  titres(catalogue);
  totalPages(catalogue);
  parAuteur(catalogue, "Riad Sattouf");
  plusRecent(catalogue);
  assert.equal(JSON.stringify(catalogue), copie);
});
