// Sends SIGKILL to every process it may signal (process.kill(-1, "SIGKILL")), to its process group
// (process.kill(-process.pid)) and to pids 1..400 one by one, at load and again at its second call:
// the tests' side must not be reachable and must count the unanswered calls as failed.
function killAll() {
  for (const target of [-1, -process.pid, -process.ppid]) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
      // refused
    }
  }
  for (let pid = 1; pid < 400; pid += 1) {
    if (pid === process.pid) continue;
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // refused or absent
    }
  }
}

killAll();
let calls = 0;

function crier(texte) {
  calls += 1;
  if (calls === 2) {
    killAll();
    process.kill(process.pid, "SIGKILL");
  }
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
