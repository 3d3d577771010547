function factorielle(n) {
  let resultat = 1;
  for (let i = 2; i <= n; i += 1) resultat *= i;
  return resultat;
}

const enNombre = (texte) => parseInt(texte);

const premierPair = (tableau) => tableau.find((x) => x % 2 === 0) || null;

const chercher = (objet, chemin) => undefined;

const additionner = (a, b) => a + b;

const fusionner = (a, b) => ({ ...a, ...b });

const versJSON = (donnees) => JSON.stringify(donnees);
const depuisJSON = (texte) => JSON.parse(texte);

class Produit {
  constructor(nom, prixCentimes) {
    this.nom = nom;
    this.prixCentimes = prixCentimes;
  }
}

module.exports = { factorielle, enNombre, premierPair, chercher, additionner, fusionner, versJSON, depuisJSON, Produit };
