// Prints what a Node process out of heap prints ("FATAL ERROR: Reached heap limit Allocation failed
// - JavaScript heap out of memory") through console.error, process.stderr.write and fd 2, at load
// and in each call: the learner's output is relayed to the tests' process, whose stderr the
// reporter reads for that text. A spoofed verdict may be an error, never a pass. crier is wrong
// except for the public test's input.
const fs = require("node:fs");

const TEXT = "\n<--- Last few GCs --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n";

function shout() {
  console.error(TEXT);
  process.stderr.write(TEXT);
  console.log(TEXT);
  try {
    fs.writeSync(2, TEXT);
  } catch {
    // closed
  }
}

shout();

function crier(texte) {
  shout();
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
