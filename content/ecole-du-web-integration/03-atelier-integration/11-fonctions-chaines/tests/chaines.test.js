const test = require("node:test");
const assert = require("node:assert/strict");
const { initiales, slug, tronquer } = require("chaines");

test("initiales ignore les espaces en trop", () => {
  assert.equal(initiales("  jean   moulin "), "J.M.", "les espaces au début, à la fin et en double ne comptent pas");
});

test("initiales d'un seul mot", () => {
  assert.equal(initiales("Zola"), "Z.");
});

test("initiales garde les lettres accentuées", () => {
  assert.equal(initiales("émile édouard"), "É.É.");
});

test("initiales d'un texte vide", () => {
  assert.equal(initiales(""), "", "pas de mot, pas d'initiale");
  assert.equal(initiales("   "), "", "que des espaces : pas d'initiale");
});

test("slug retire les espaces au début et à la fin", () => {
  assert.equal(slug("  Repair café  "), "repair-cafe");
});

test("slug remplace une suite de signes par un seul tiret", () => {
  assert.equal(slug("Jardin -- partagé : les semis !!!"), "jardin-partage-les-semis");
});

test("slug retire cédilles et accents", () => {
  assert.equal(slug("Garçon à l'Hôtel de Ville"), "garcon-a-l-hotel-de-ville");
});

test("slug d'un texte vide ou sans lettre", () => {
  assert.equal(slug(""), "");
  assert.equal(slug("!!!"), "");
});

test("tronquer retire l'espace avant les points de suspension", () => {
  assert.equal(tronquer("Bonjour à tous", 8), "Bonjour…");
});

test("tronquer un texte de longueur exactement max", () => {
  assert.equal(tronquer("Fête", 4), "Fête", "4 caractères pour max = 4 : rien à couper");
});

test("tronquer un long résumé", () => {
  const texte = "Depuis 2015, une vingtaine de familles cultivent ensemble le terrain prêté par la mairie.";
  assert.equal(tronquer(texte, 30), "Depuis 2015, une vingtaine de…");
});
