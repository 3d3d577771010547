// Hands in, with chaines.js, files named like the grader's runner (tremplin_proxy.cjs,
// tremplin_wire.cjs, tremplin_learner.cjs, sandbox/runner/tremplin_wire.cjs) and a
// node_modules/chaines/index.js answering "À BIENTÔT !": the grader must use its own runner files
// and the tests must reach this chaines.js only. crier is wrong except for the public test's input.
function crier(texte) {
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
