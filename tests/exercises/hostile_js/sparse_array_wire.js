// Sends, as the value of a wrong answer, a sparse array of length 2**32 - 1 written straight on the
// wire (node:v8 serialises it in a few bytes) and a Map and Set with 2 million entries: decoding
// them on the tests' side costs time and memory there, not on the learner's side. The tests' side
// must end within its limits, and the test count as failed.
const wire = require("/sandbox/runner/tremplin_wire.cjs");

const send = wire.send;
let calls = 0;
wire.send = function forged(channel, message) {
  if (message && typeof message === "object" && "value" in message && message.value === "raté") {
    calls += 1;
    const sparse = [];
    sparse.length = 2 ** 32 - 1;
    sparse[2 ** 32 - 2] = "À BIENTÔT !";
    const big = new Map();
    if (calls > 1) for (let i = 0; i < 2000000; i += 1) big.set(i, i);
    message = { ...message, value: calls === 1 ? sparse : big };
  }
  return send.call(this, channel, message);
};

function crier(texte) {
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
