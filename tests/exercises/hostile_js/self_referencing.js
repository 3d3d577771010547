// Returns self-referencing values: an object holding itself, an array holding itself, a Map keyed
// by itself and two objects referencing each other, each with a wrong text inside.
let calls = 0;

function crier(texte) {
  if (texte === "bonjour") return "BONJOUR !";
  calls += 1;
  const object = { text: "raté" };
  object.self = object;
  const array = ["raté"];
  array.push(array);
  const map = new Map();
  map.set(map, map);
  const a = { text: "raté" };
  const b = { a };
  a.b = b;
  return [object, array, map, a][calls % 4];
}

module.exports = { crier };
