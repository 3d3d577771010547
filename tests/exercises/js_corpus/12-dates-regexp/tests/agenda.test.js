// Style : Date (instanceof Date, toISOString, getTime, date du test inchangée, deepStrictEqual entre
// dates) et RegExp (résultat de exec avec .index et .groups, match global, expression régulière
// exportée utilisée par assert.match et .test()).
const test = require("node:test");
const assert = require("node:assert/strict");
const { ajouterJours, lireDateFr, joursEntre, trouverDate, toutesLesDates, MOTIF_CODE_POSTAL } = require("agenda");

test("ajouterJours renvoie une nouvelle date", () => {
  const depart = new Date("2024-02-27T00:00:00Z");
  const arrivee = ajouterJours(depart, 3);
  assert.ok(arrivee instanceof Date, "une Date est attendue");
  assert.equal(arrivee.toISOString(), "2024-03-01T00:00:00.000Z", "2024 est bissextile");
  assert.equal(depart.toISOString(), "2024-02-27T00:00:00.000Z", "la date reçue ne change pas");
});

test("lireDateFr lit une date française", () => {
  assert.deepStrictEqual(lireDateFr("14/07/2024"), new Date(Date.UTC(2024, 6, 14)));
  assert.equal(lireDateFr("01/01/2000").getTime(), 946684800000);
});

test("joursEntre deux dates du test", () => {
  assert.equal(joursEntre(new Date("2024-01-01"), new Date("2024-03-01")), 60);
  assert.equal(joursEntre(new Date("2024-03-01"), new Date("2024-01-01")), 60);
});

test("trouverDate renvoie les groupes nommés", () => {
  const trouve = trouverDate("Rendez-vous le 14/07/2024 à midi");
  assert.ok(trouve, "une date est présente dans ce texte");
  assert.equal(trouve[0], "14/07/2024");
  assert.equal(trouve.index, 15, "la position de la date dans le texte");
  assert.deepStrictEqual({ ...trouve.groups }, { jour: "14", mois: "07", annee: "2024" });
});

test("trouverDate renvoie null sans date", () => {
  assert.equal(trouverDate("aucune date ici"), null);
});

test("toutesLesDates trouve chaque date", () => {
  assert.deepStrictEqual(toutesLesDates("du 01/02/2024 au 15/02/2024"), ["01/02/2024", "15/02/2024"]);
  assert.deepStrictEqual(toutesLesDates("rien"), []);
});

test("MOTIF_CODE_POSTAL reconnaît un code postal", () => {
  assert.ok(MOTIF_CODE_POSTAL instanceof RegExp);
  assert.match("69001", MOTIF_CODE_POSTAL);
  assert.doesNotMatch("6900", MOTIF_CODE_POSTAL);
  assert.equal(MOTIF_CODE_POSTAL.test("750011"), false);
});
