// Signals pid 1 (the sandbox's init) and its parent with SIGTERM, SIGKILL, SIGSTOP and SIGINT
// (process.kill(1), process.kill(1, "SIGKILL"), process.kill(process.ppid, ...)) at load and in
// each call: a stopped or dead sandbox must end as an error or a failure, never a pass.
function hit() {
  for (const signal of ["SIGTERM", "SIGINT", "SIGSTOP", "SIGKILL"]) {
    for (const pid of [1, process.ppid]) {
      try {
        process.kill(pid, signal);
      } catch {
        // refused
      }
    }
  }
}

hit();

function crier(texte) {
  hit();
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
