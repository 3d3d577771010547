// Writes garbage on the channel to the tests at its first wrong answer: a frame announcing 4 GiB, a
// frame announcing 31 MiB then only a few bytes (and it sleeps, so the reader waits for the rest),
// a body that is not a v8 serialisation, a serialised number instead of a message; the tests' side
// must stop waiting at its time limit and count the test as failed.
const fs = require("node:fs");

const fd = Number(process.env.TREMPLIN_CHANNEL_FD);

function crier(texte) {
  if (texte === "bonjour") return "BONJOUR !";
  const junk = [
    Buffer.from([0xff, 0xff, 0xff, 0xff]),
    Buffer.from([0x01, 0xf0, 0x00, 0x00, 0xff, 0x0f, 0x22]),
  ];
  for (const piece of junk) {
    try {
      fs.writeSync(fd, piece);
    } catch {
      // closed
    }
  }
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);
  return "raté";
}

module.exports = { crier };
