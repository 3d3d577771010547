// Fonction d'exemple, déjà écrite : un nombre sur deux chiffres.
// deuxChiffres(5) renvoie "05", deuxChiffres(12) renvoie "12".
function deuxChiffres(n) {
  return String(n).padStart(2, "0");
}

// formaterPrix(350) renvoie "3,50 €"
function formaterPrix(centimes) {
  const euros = Math.floor(centimes / 100);
  return `${euros},${deuxChiffres(centimes % 100)} €`;
}

// formaterDate(new Date(2025, 4, 30)) renvoie "30/05/2025"
function formaterDate(date) {
  return `${deuxChiffres(date.getDate())}/${deuxChiffres(date.getMonth() + 1)}/${date.getFullYear()}`;
}

const UN_JOUR = 24 * 60 * 60 * 1000;

function minuit(date) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

// Le nombre de jours calendaires de aujourdhui à evenement (négatif si c'est passé).
function joursAvant(aujourdhui, evenement) {
  // Math.round : un jour de changement d'heure dure 23 ou 25 heures.
  return Math.round((minuit(evenement) - minuit(aujourdhui)) / UN_JOUR);
}

// "C'est passé", "C'est aujourd'hui !", "C'est demain !" ou "Dans 5 jours"
function annoncer(aujourdhui, evenement) {
  const jours = joursAvant(aujourdhui, evenement);
  if (jours < 0) {
    return "C'est passé";
  }
  if (jours === 0) {
    return "C'est aujourd'hui !";
  }
  if (jours === 1) {
    return "C'est demain !";
  }
  return `Dans ${jours} jours`;
}

module.exports = { deuxChiffres, formaterPrix, formaterDate, joursAvant, annoncer };
