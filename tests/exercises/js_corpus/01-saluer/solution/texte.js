function sansAccents(texte) {
  return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

function saluer(prenom) {
  return `Bonjour ${prenom} !`;
}

function estPalindrome(texte) {
  const lettres = sansAccents(texte).toLowerCase().replace(/[^a-z0-9]/g, "");
  return lettres === [...lettres].reverse().join("");
}

function initiales(nom) {
  return nom
    .split(/\s+/)
    .filter((mot) => mot.length > 0)
    .map((mot) => mot[0].toUpperCase())
    .join("");
}

function compterVoyelles(texte) {
  return [...sansAccents(texte).toLowerCase()].filter((c) => "aeiouy".includes(c)).length;
}

function masquerEmail(email) {
  const [nom, domaine] = email.split("@");
  return `${nom[0]}***@${domaine}`;
}

module.exports = { saluer, estPalindrome, initiales, compterVoyelles, masquerEmail };
