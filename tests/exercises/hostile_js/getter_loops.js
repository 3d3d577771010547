// Returns a plain object whose enumerable getter loops for ever when the value is copied for the
// tests: the learner's own time limit must end it, and the test count as failed.
function crier(texte) {
  if (texte === "bonjour") return "BONJOUR !";
  const value = { text: "raté" };
  Object.defineProperty(value, "forever", {
    enumerable: true,
    get() {
      for (;;) {
        // never returns
      }
    },
  });
  return value;
}

module.exports = { crier };
