const test = require("node:test");
const assert = require("node:assert/strict");
const { formaterPrix, formaterDate, joursAvant, annoncer } = require("formats");

test("formaterPrix de moins d'un euro", () => {
  assert.equal(formaterPrix(5), "0,05 €");
  assert.equal(formaterPrix(90), "0,90 €");
});

test("formaterPrix de 0", () => {
  assert.equal(formaterPrix(0), "0,00 €");
});

test("formaterPrix d'un grand montant", () => {
  assert.equal(formaterPrix(123456), "1234,56 €");
});

test("formaterDate d'un début de mois", () => {
  assert.equal(formaterDate(new Date(2025, 0, 1)), "01/01/2025");
  assert.equal(formaterDate(new Date(2024, 8, 9, 23, 59)), "09/09/2024");
});

test("formaterDate en décembre", () => {
  assert.equal(formaterDate(new Date(2025, 11, 31)), "31/12/2025");
});

test("joursAvant ignore les heures (23 h → 8 h le lendemain)", () => {
  assert.equal(joursAvant(new Date(2025, 4, 28, 23, 0), new Date(2025, 4, 29, 8, 0)), 1);
});

test("joursAvant le même jour vaut 0", () => {
  assert.equal(joursAvant(new Date(2025, 4, 28, 8, 0), new Date(2025, 4, 28, 22, 30)), 0);
});

test("joursAvant d'un mois ou d'une année à l'autre", () => {
  assert.equal(joursAvant(new Date(2025, 4, 30), new Date(2025, 5, 7)), 8);
  assert.equal(joursAvant(new Date(2024, 11, 30), new Date(2025, 0, 2)), 3);
});

test("joursAvant à travers un changement d'heure", () => {
  assert.equal(joursAvant(new Date(2025, 2, 29, 12, 0), new Date(2025, 2, 31, 12, 0)), 2);
  assert.equal(joursAvant(new Date(2025, 9, 25), new Date(2025, 9, 27)), 2);
});

test("joursAvant est négatif pour un événement passé", () => {
  assert.equal(joursAvant(new Date(2025, 5, 1), new Date(2025, 4, 30)), -2);
});

test("annoncer le jour même", () => {
  assert.equal(annoncer(new Date(2025, 4, 30, 9, 0), new Date(2025, 4, 30, 18, 0)), "C'est aujourd'hui !");
});

test("annoncer un événement passé", () => {
  assert.equal(annoncer(new Date(2025, 4, 31, 9, 0), new Date(2025, 4, 30, 18, 0)), "C'est passé");
});

test("annoncer le lendemain malgré l'heure", () => {
  assert.equal(annoncer(new Date(2025, 4, 29, 23, 30), new Date(2025, 4, 30, 8, 0)), "C'est demain !");
});

test("annoncer un événement lointain", () => {
  assert.equal(annoncer(new Date(2025, 4, 1), new Date(2025, 5, 21)), "Dans 51 jours");
});
