// Answers its first call (the public test's "bonjour" by heart, or the hidden test's first input
// wrongly), then at its second call ends its own process with process.exit(0): the tests must count
// the calls that got no answer as failed, never as passed.
let calls = 0;

function crier(texte) {
  calls += 1;
  if (calls >= 2) {
    console.log("ok 1 - garde les accents\nok 2 - texte vide\n# pass 3\n# fail 0");
    process.exit(0);
  }
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
