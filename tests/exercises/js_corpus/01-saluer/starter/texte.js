function saluer(prenom) {
  return "Bonjour " + prenom;
}

function estPalindrome(texte) {
  return texte === texte.split("").reverse().join("");
}

function initiales(nom) {
  return "";
}

function compterVoyelles(texte) {
  return 0;
}

function masquerEmail(email) {
  return email;
}

module.exports = { saluer, estPalindrome, initiales, compterVoyelles, masquerEmail };
