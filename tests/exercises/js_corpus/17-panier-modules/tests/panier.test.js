// Style : module qui requiert un autre fichier de l'apprenant (./tva) et un fichier JSON de données
// (./catalogue.json) ; le test requiert les deux modules et le JSON ; forme du module vérifiée
// (Object.keys, typeof de chaque export).
const test = require("node:test");
const assert = require("node:assert/strict");
const panier = require("panier");
const { ttc } = require("tva");
const catalogue = require("catalogue.json");

test("panier exporte trois fonctions", () => {
  assert.deepStrictEqual(Object.keys(panier).sort(), ["prixTTC", "references", "totalPanier"]);
  for (const nom of Object.keys(panier)) assert.equal(typeof panier[nom], "function", `${nom} est une fonction`);
});

test("prixTTC lit le catalogue et applique la TVA", () => {
  assert.equal(panier.prixTTC("STY-01"), 1.5);
  assert.equal(panier.prixTTC("CLA-03"), 5.99);
  assert.equal(panier.prixTTC("CAH-02"), ttc(catalogue["CAH-02"].prixHT));
});

test("un produit inconnu lève une erreur", () => {
  assert.throws(() => panier.prixTTC("XXX-00"), { message: /Produit inconnu/ });
});

test("totalPanier", () => {
  const lignes = [
    { reference: "STY-01", quantite: 4 },
    { reference: "CAH-02", quantite: 2 },
  ];
  assert.equal(panier.totalPanier(lignes), 14.4);
  assert.equal(panier.totalPanier([]), 0);
});

test("references du catalogue, triées", () => {
  assert.deepStrictEqual(panier.references(), ["CAH-02", "CLA-03", "STY-01"]);
  assert.equal(panier.references().length, Object.keys(catalogue).length);
});
