// At its first call with another input than the public one, pollutes Object.prototype with a "then"
// (every object becomes a thenable, the learner runner's own replies too), "__tremplin", "nonce",
// "event", "outcome" = "passed", "skip"/"todo" (node:test option names), "toJSON" and the wire's
// reference keys ("\u0000o", "\u0000e") as inherited properties, then returns plain objects: copied
// values must reach the tests without the learner's prototype, and a reply that is no reply must
// fail.
const pollution = {
  then: function then(resolve) {
    resolve("RATÉ !");
  },
  __tremplin: "passed",
  nonce: "",
  event: "test",
  outcome: "passed",
  passed: true,
  skip: true,
  todo: true,
  toJSON: () => "RATÉ !",
  "\u0000o": [],
  "\u0000e": "Error",
};

function pollute() {
  for (const [key, value] of Object.entries(pollution)) {
    Object.defineProperty(Object.prototype, key, { value, writable: true, enumerable: true, configurable: true });
  }
  Object.defineProperty(Object.prototype, "__tremplin_getter", { get: () => "passed", enumerable: true, configurable: true });
}

function crier(texte) {
  if (texte === "bonjour") return "BONJOUR !";
  if (!Object.hasOwn(Object.prototype, "__tremplin")) pollute();
  return { value: "raté", outcome: "passed" };
}

module.exports = { crier };
