// Returns a 100 MB string for anything but the public input (over the wire's 32 MiB message cap),
// then a 31 MB one: the tests' side must refuse or carry it without running out of memory, and
// count the test as failed.
let calls = 0;

function crier(texte) {
  if (texte === "bonjour") return "BONJOUR !";
  calls += 1;
  return (calls === 1 ? "À" : "B").repeat(calls === 1 ? 100 * 1024 * 1024 : 31 * 1024 * 1024);
}

module.exports = { crier };
