// Pollutes Array.prototype (map, forEach, includes, join, Symbol.iterator), Array.isArray,
// JSON.parse, JSON.stringify and Object.keys at load, and returns arrays and objects with inherited
// entries: what the tests receive must be plain data built on their own side.
Array.prototype.map = function map() {
  return ["À BIENTÔT !"];
};
Array.prototype.includes = () => true;
Array.prototype.join = () => "À BIENTÔT !";
Array.prototype[Symbol.iterator] = function* iterate() {
  yield "À BIENTÔT !";
};
Array.prototype[0] = "À BIENTÔT !";
Array.isArray = () => true;
JSON.stringify = () => '"À BIENTÔT !"';
JSON.parse = () => "À BIENTÔT !";
const keys = Object.keys;
Object.keys = (value) => [...keys(value), "outcome"];

function crier(texte) {
  if (texte === "bonjour") return "BONJOUR !";
  return ["raté"];
}

module.exports = { crier };
