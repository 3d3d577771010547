function compterMots(texte) {
  const compte = {};
  for (const mot of texte.split(" ")) compte[mot] = (compte[mot] || 0) + 1;
  return compte;
}

const motsUniques = (texte) => texte.split(" ");

const communs = (a, b) => new Set();

const inverser = (map) => map;

const regrouper = (personnes, cle) => new Map();

function ajouterVu(vus, valeur) {
  return !vus.has(valeur);
}

module.exports = { compterMots, motsUniques, communs, inverser, regrouper, ajouterVu };
