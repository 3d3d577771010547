const test = require("node:test");
const assert = require("node:assert/strict");
const { deuxChiffres, formaterPrix, formaterDate, joursAvant, annoncer } = require("formats");

test("deuxChiffres(5) renvoie '05' (fonction d'exemple)", () => {
  assert.equal(deuxChiffres(5), "05");
});

test("formaterPrix(350) renvoie '3,50 €'", () => {
  assert.equal(formaterPrix(350), "3,50 €", "deux décimales, une virgule, un espace puis €");
});

test("formaterPrix(1200) renvoie '12,00 €'", () => {
  assert.equal(formaterPrix(1200), "12,00 €", "un prix rond garde ses deux décimales");
});

test("formaterDate(new Date(2025, 4, 30)) renvoie '30/05/2025'", () => {
  assert.equal(formaterDate(new Date(2025, 4, 30)), "30/05/2025", "jj/mm/aaaa : le mois 4 de JavaScript est mai (05)");
});

test("joursAvant : du 28 mai 15 h 45 au 30 mai 18 h, 2 jours", () => {
  assert.equal(joursAvant(new Date(2025, 4, 28, 15, 45), new Date(2025, 4, 30, 18, 0)), 2, "on compte les jours du calendrier, pas les heures");
});

test("annoncer un événement dans 2 jours : 'Dans 2 jours'", () => {
  assert.equal(annoncer(new Date(2025, 4, 28), new Date(2025, 4, 30)), "Dans 2 jours", "à partir de 2 jours : « Dans », le nombre de jours, puis « jours »");
});

test("annoncer un événement le lendemain : 'C'est demain !'", () => {
  assert.equal(annoncer(new Date(2025, 4, 29), new Date(2025, 4, 30)), "C'est demain !", "1 jour avant l'événement : « C'est demain ! »");
});
