// Takes over its end of the channel: answers the calls (wrongly, but for the public input), then
// never answers the tests' closing "bye" and never exits (the runner's exit is replaced, and a
// timer keeps the process alive): the tests' process waits for an answer at its exit; the run must
// still end within its limits and leave no process.
const wire = require("/sandbox/runner/tremplin_wire.cjs");

const receive = wire.receive;
wire.receive = function hooked(fd) {
  const message = receive.call(this, fd);
  if (message && message.op === "bye") {
    for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
  }
  return message;
};
process.reallyExit = () => {};
process.exit = () => {};
setInterval(() => {}, 1000);

function crier(texte) {
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
