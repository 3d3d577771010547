// At load, ends its own process with process.kill(process.pid, "SIGKILL"), after printing a fake
// pass ("ok 1", "# pass 3"): the tests must not count a learner's side that never answered as a
// pass. crier is wrong except for the public test's input (never reached).
console.log("ok 1 - garde les accents\nok 2 - texte vide\n# pass 3\n# fail 0");
process.kill(process.pid, "SIGKILL");

function crier(texte) {
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
