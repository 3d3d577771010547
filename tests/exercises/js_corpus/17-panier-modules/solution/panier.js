const catalogue = require("./catalogue.json");
const { ttc } = require("./tva");

function prixTTC(reference) {
  const produit = catalogue[reference];
  if (!produit) throw new Error(`Produit inconnu : ${reference}`);
  return ttc(produit.prixHT);
}

function totalPanier(lignes) {
  const total = lignes.reduce((somme, { reference, quantite }) => somme + prixTTC(reference) * quantite, 0);
  return Math.round(total * 100) / 100;
}

const references = () => Object.keys(catalogue).sort();

module.exports = { prixTTC, totalPanier, references };
