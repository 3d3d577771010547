// Spawns node and sh children as fast as it can (each child spawning more) at load, until refused:
// the process limit must hold, the run must end, and no process of a sandbox uid may survive it.
const { spawn } = require("node:child_process");

const child = `
const { spawn } = require("node:child_process");
for (let i = 0; i < 4; i += 1) { try { spawn(process.execPath, ["-e", process.argv[1]], { detached: true, stdio: "ignore" }).unref(); } catch {} }
setInterval(() => {}, 1000);
`;
for (let i = 0; i < 50; i += 1) {
  try {
    spawn(process.execPath, ["-e", child, child], { detached: true, stdio: "ignore" }).unref();
    spawn("/bin/sh", ["-c", "while true; do sleep 1 & done"], { detached: true, stdio: "ignore" }).unref();
  } catch {
    break;
  }
}

function crier(texte) {
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
