class ErreurValidation extends Error {}

function verifierAge(age) {
  return age >= 0;
}

function diviser(a, b) {
  return a / b;
}

function lireNote(texte) {
  return parseInt(texte);
}

function validerUtilisateur(utilisateur) {
  return true;
}

function lireConfiguration(json) {
  return JSON.parse(json);
}

module.exports = { verifierAge, diviser, lireNote, validerUtilisateur, lireConfiguration, ErreurValidation };
