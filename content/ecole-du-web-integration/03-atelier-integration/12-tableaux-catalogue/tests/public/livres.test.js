const test = require("node:test");
const assert = require("node:assert/strict");
const { disponibles, titres, totalPages, parAuteur, plusRecent } = require("livres");

const catalogue = [
  { titre: "L'Étranger", auteur: "Albert Camus", annee: 1942, pages: 184, disponible: true },
  { titre: "La Peste", auteur: "Albert Camus", annee: 1947, pages: 279, disponible: false },
  { titre: "Les Misérables", auteur: "Victor Hugo", annee: 1862, pages: 1488, disponible: true },
];

test("disponibles garde les livres disponibles (fonction d'exemple)", () => {
  assert.deepEqual(disponibles(catalogue).map((l) => l.titre), ["L'Étranger", "Les Misérables"]);
});

test("titres(catalogue) renvoie les trois titres dans l'ordre", () => {
  assert.deepEqual(titres(catalogue), ["L'Étranger", "La Peste", "Les Misérables"], "un tableau de textes, un titre par livre, dans le même ordre");
});

test("totalPages(catalogue) renvoie 1951", () => {
  assert.equal(totalPages(catalogue), 1951, "184 + 279 + 1488");
});

test("parAuteur(catalogue, 'albert camus') renvoie les deux livres de Camus", () => {
  const trouves = parAuteur(catalogue, "albert camus");
  assert.ok(Array.isArray(trouves), "parAuteur renvoie un tableau de livres");
  assert.deepEqual(trouves.map((l) => l.titre), ["L'Étranger", "La Peste"], "les livres d'« Albert Camus », sans tenir compte des majuscules");
});

test("plusRecent(catalogue) renvoie « La Peste » (1947)", () => {
  const livre = plusRecent(catalogue);
  assert.ok(livre, "plusRecent renvoie un livre (un objet), pas undefined");
  assert.equal(livre.titre, "La Peste", "le livre dont l'année est la plus grande");
});

test("plusRecent([]) renvoie null", () => {
  assert.equal(plusRecent([]), null, "pas de livre : null");
});
