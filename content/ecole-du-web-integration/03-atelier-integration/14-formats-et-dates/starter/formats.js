// Fonction d'exemple, déjà écrite : un nombre sur deux chiffres.
// deuxChiffres(5) renvoie "05", deuxChiffres(12) renvoie "12".
function deuxChiffres(n) {
  return String(n).padStart(2, "0");
}

// formaterPrix(350) renvoie "3,50 €"
function formaterPrix(centimes) {
  // À compléter
  return centimes / 100 + " €";
}

// formaterDate(new Date(2025, 4, 30)) renvoie "30/05/2025"
function formaterDate(date) {
  // À compléter
  return date.getDate() + "/" + date.getMonth() + "/" + date.getFullYear();
}

// Le nombre de jours calendaires de aujourdhui à evenement (négatif si c'est passé).
function joursAvant(aujourdhui, evenement) {
  // À compléter
  return 0;
}

// "C'est passé", "C'est aujourd'hui !", "C'est demain !" ou "Dans 5 jours"
function annoncer(aujourdhui, evenement) {
  // À compléter
  return "";
}

module.exports = { deuxChiffres, formaterPrix, formaterDate, joursAvant, annoncer };
