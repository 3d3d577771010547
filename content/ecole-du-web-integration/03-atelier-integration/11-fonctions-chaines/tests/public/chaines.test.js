const test = require("node:test");
const assert = require("node:assert/strict");
const { capitaliser, initiales, slug, tronquer } = require("chaines");

test("capitaliser('bonjour') renvoie 'Bonjour' (fonction d'exemple)", () => {
  assert.equal(capitaliser("bonjour"), "Bonjour", "la première lettre en majuscule, le reste inchangé");
});

test("initiales('Louise Michel') renvoie 'L.M.'", () => {
  assert.equal(initiales("Louise Michel"), "L.M.", "la première lettre de chaque mot, en majuscule, suivie d'un point");
});

test("initiales('Simone de Beauvoir') renvoie 'S.D.B.'", () => {
  assert.equal(initiales("Simone de Beauvoir"), "S.D.B.", "chaque mot compte, même « de », et l'initiale est en majuscule");
});

test("slug('Fête des voisins 2025 !') renvoie 'fete-des-voisins-2025'", () => {
  assert.equal(slug("Fête des voisins 2025 !"), "fete-des-voisins-2025", "minuscules, sans accents, des tirets entre les mots, pas de tiret à la fin");
});

test("slug(\"L'été au jardin\") renvoie 'l-ete-au-jardin'", () => {
  assert.equal(slug("L'été au jardin"), "l-ete-au-jardin", "l'apostrophe devient un tiret, comme les espaces");
});

test("tronquer('Bonjour à tous', 20) renvoie le texte tel quel", () => {
  assert.equal(tronquer("Bonjour à tous", 20), "Bonjour à tous", "un texte assez court n'est pas modifié");
});

test("tronquer('Bonjour à tous', 7) renvoie 'Bonjour…'", () => {
  assert.equal(tronquer("Bonjour à tous", 7), "Bonjour…", "les 7 premiers caractères suivis de « … » (un seul caractère)");
});
