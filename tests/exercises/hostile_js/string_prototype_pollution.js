// Pollutes String.prototype at load (toUpperCase, toLocaleUpperCase, concat, normalize,
// localeCompare, a getter "__tremplin"), Object.is and Object.prototype.toString: if strings
// crossed with their prototype, or the tests shared this realm, "à bientôt".toUpperCase() and
// comparisons would be the learner's. crier uses the polluted toUpperCase, which answers only the
// public input correctly.
const upper = String.prototype.toUpperCase;
String.prototype.toUpperCase = function polluted() {
  return String(this) === "bonjour" ? "BONJOUR" : "RATÉ";
};
String.prototype.toLocaleUpperCase = String.prototype.toUpperCase;
String.prototype.localeCompare = () => 0;
String.prototype.normalize = function normalize() {
  return "À BIENTÔT !";
};
String.prototype.concat = () => "À BIENTÔT !";
Object.defineProperty(String.prototype, "__tremplin", { get: () => "passed", enumerable: true, configurable: true });
Object.is = () => true;
const toString = Object.prototype.toString;
Object.prototype.toString = function polluted() {
  return "[object String]";
};

function crier(texte) {
  return texte.toUpperCase() + " !";
}

module.exports = { crier, upper, toString };
