// Returns a Proxy around a plain object that lies to whoever copies it: getPrototypeOf says
// Object.prototype, ownKeys changes on every call, get returns a different value each read (a wrong
// text first, then another), getOwnPropertyDescriptor throws for some keys: the copy must be made
// once, on the learner's side, and never trusted to be "the right text".
let reads = 0;

function liar() {
  return new Proxy({}, {
    getPrototypeOf: () => Object.prototype,
    ownKeys: () => (reads % 2 ? ["text", "length"] : ["length", "0"]),
    getOwnPropertyDescriptor: (_target, key) => {
      reads += 1;
      if (key === "length" && reads > 5) throw new Error("piège");
      return { value: reads % 3 ? "raté" : "À BIENTÔT !", enumerable: true, configurable: true, writable: true };
    },
    get: () => {
      reads += 1;
      return reads % 2 ? "raté" : "À BIENTÔT !";
    },
    has: () => true,
  });
}

function crier(texte) {
  if (texte === "bonjour") return "BONJOUR !";
  return liar();
}

module.exports = { crier };
