// Keeps its process busy and alive after answering: a setInterval that never stops, busy-spinning
// 50 ms of every 60, and handlers that ignore SIGTERM/SIGINT/SIGHUP; the answers are wrong but for
// the public input. The run must still end, with no process left.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => {});
setInterval(() => {
  const end = Date.now() + 50;
  while (Date.now() < end) {
    // spin
  }
}, 60);

function crier(texte) {
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
