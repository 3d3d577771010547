function crier(texte) {
  return texte.toUpperCase() + " !";
}

module.exports = { crier };
