function factorielle(n) {
  let resultat = 1n;
  for (let i = 2n; i <= n; i += 1n) resultat *= i;
  return resultat;
}

function enNombre(texte) {
  if (typeof texte !== "string" || texte.trim() === "") return NaN;
  return Number(texte.replace(",", "."));
}

const premierPair = (tableau) => tableau.find((x) => x % 2 === 0);

function chercher(objet, chemin) {
  let courant = objet;
  for (const cle of chemin.split(".")) {
    if (courant === null || typeof courant !== "object" || !(cle in courant)) return null;
    courant = courant[cle];
  }
  return courant;
}

const additionner = (a, b) => a + b;

function fusionner(a, b) {
  const resultat = { ...a };
  for (const [cle, valeur] of Object.entries(b)) {
    const estObjet = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
    resultat[cle] = estObjet(valeur) && estObjet(a[cle]) ? fusionner(a[cle], valeur) : valeur;
  }
  return resultat;
}

const versJSON = (donnees) => JSON.stringify(donnees, null, 2);
const depuisJSON = (texte) => JSON.parse(texte);

class Produit {
  constructor(nom, prixCentimes) {
    this.nom = nom;
    this.prixCentimes = prixCentimes;
  }

  toJSON() {
    return { nom: this.nom, prix: this.prixCentimes / 100 };
  }
}

module.exports = { factorielle, enNombre, premierPair, chercher, additionner, fusionner, versJSON, depuisJSON, Produit };
