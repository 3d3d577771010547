// Fills memory in crier for any input but the public one (arrays of doubles, Buffers outside the
// heap, strings), until the memory limit stops it: the run must end as an error or a failure.
const hoard = [];

function crier(texte) {
  if (texte === "bonjour") return "BONJOUR !";
  for (;;) {
    hoard.push(new Array(1e6).fill(1.5));
    hoard.push(Buffer.alloc(64 * 1024 * 1024, 1));
    hoard.push("x".repeat(1e7) + hoard.length);
  }
}

module.exports = { crier };
