function romain(n) {
  return "I".repeat(n);
}

function cesar(texte, decalage = 13) {
  return texte;
}

function telephoneValide(texte) {
  return texte.length === 10;
}

function sommeEntre([a, b]) {
  return a + b;
}

module.exports = { romain, cesar, telephoneValide, sommeEntre };
