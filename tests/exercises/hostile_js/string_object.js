// Returns boxed strings: new String("raté"), an object created from String.prototype with own
// characters and length, and Object("BONJOUR !") — String objects are not strings, and a structured
// clone copies them as String objects: the tests must not take them for the string. Only the public
// input gets a String object of the right text; the others get wrong ones.
let calls = 0;

function crier(texte) {
  calls += 1;
  if (texte === "bonjour") return Object("BONJOUR !");
  if (calls % 2 === 0) return new String("raté");
  const fake = Object.create(String.prototype);
  Object.defineProperty(fake, "length", { value: 4 });
  return fake;
}

module.exports = { crier };
