// Loops for ever in crier for any input but the public one: the learner's time limit must end it,
// and the hidden tests count as failed (or the run as a timeout).
function crier(texte) {
  if (texte === "bonjour") return "BONJOUR !";
  for (;;) {
    // never returns
  }
}

module.exports = { crier };
