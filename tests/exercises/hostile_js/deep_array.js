// Returns an array nested 100000 levels deep (and an object nested as deep on the next call): a
// copy made by recursion would overflow the stack on either side.
let calls = 0;

function crier(texte) {
  if (texte === "bonjour") return "BONJOUR !";
  calls += 1;
  let value = ["À BIENTÔT !"];
  for (let i = 0; i < 100000; i += 1) value = calls % 2 ? [value] : { inner: value };
  return value;
}

module.exports = { crier };
