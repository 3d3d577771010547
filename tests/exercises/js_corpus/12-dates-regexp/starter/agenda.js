function ajouterJours(date, n) {
  date.setDate(date.getDate() + n);
  return date;
}

function lireDateFr(texte) {
  return new Date(texte);
}

const joursEntre = (a, b) => 0;

const trouverDate = (texte) => null;

const toutesLesDates = (texte) => [];

const MOTIF_CODE_POSTAL = /\d+/;

module.exports = { ajouterJours, lireDateFr, joursEntre, trouverDate, toutesLesDates, MOTIF_CODE_POSTAL };
