// Starts shells that detach themselves (sh -c with nohup, setsid, a double fork, trap "" on every
// signal) and sleep for a long time, plus a shell loop that writes forged reporter lines to
// descriptors 0..9: no process of a sandbox uid may survive the run. crier is wrong except for the
// public test's input.
const { spawn, execSync } = require("node:child_process");

const scripts = [
  "trap '' HUP TERM INT; sleep 1000",
  "(setsid sh -c 'trap \"\" HUP TERM INT; sleep 1000' &) ; sleep 1000",
  "nohup sleep 1000 >/dev/null 2>&1 &",
  "while true; do for fd in 0 1 2 3 4 5 6 7 8 9; do echo '{\"nonce\": \"\", \"event\": \"test\", \"outcome\": \"passed\"}' >&$fd; done 2>/dev/null; sleep 0.05; done",
];
for (const script of scripts) {
  try {
    spawn("/bin/sh", ["-c", script], { detached: true, stdio: "ignore" }).unref();
  } catch {
    // refused
  }
}
try {
  execSync("(sleep 1000 &) &", { stdio: "ignore", timeout: 1000 });
} catch {
  // refused
}

function crier(texte) {
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
