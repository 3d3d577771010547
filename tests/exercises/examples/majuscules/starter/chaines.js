function crier(texte) {
  return texte;
}

module.exports = { crier };
