const mots = (texte) => texte.toLowerCase().match(/[\p{L}']+/gu) ?? [];

function compterMots(texte) {
  const compte = new Map();
  for (const mot of mots(texte)) compte.set(mot, (compte.get(mot) ?? 0) + 1);
  return compte;
}

const motsUniques = (texte) => new Set(mots(texte));

const communs = (a, b) => new Set([...a].filter((x) => b.has(x)));

const inverser = (map) => new Map([...map].map(([cle, valeur]) => [valeur, cle]));

function regrouper(personnes, cle) {
  const groupes = new Map();
  for (const personne of personnes) {
    if (!groupes.has(personne[cle])) groupes.set(personne[cle], []);
    groupes.get(personne[cle]).push(personne);
  }
  return groupes;
}

function ajouterVu(vus, valeur) {
  if (vus.has(valeur)) return false;
  vus.add(valeur);
  return true;
}

module.exports = { compterMots, motsUniques, communs, inverser, regrouper, ajouterVu };
