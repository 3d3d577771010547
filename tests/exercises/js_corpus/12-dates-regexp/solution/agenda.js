const JOUR = 24 * 60 * 60 * 1000;

function ajouterJours(date, n) {
  const resultat = new Date(date.getTime());
  resultat.setUTCDate(resultat.getUTCDate() + n);
  return resultat;
}

function lireDateFr(texte) {
  const [jour, mois, annee] = texte.split("/").map(Number);
  return new Date(Date.UTC(annee, mois - 1, jour));
}

const joursEntre = (a, b) => Math.floor(Math.abs(b - a) / JOUR);

const trouverDate = (texte) => /(?<jour>\d{2})\/(?<mois>\d{2})\/(?<annee>\d{4})/.exec(texte);

const toutesLesDates = (texte) => texte.match(/\d{2}\/\d{2}\/\d{4}/g) ?? [];

const MOTIF_CODE_POSTAL = /^\d{5}$/;

module.exports = { ajouterJours, lireDateFr, joursEntre, trouverDate, toutesLesDates, MOTIF_CODE_POSTAL };
