// Returns a function instead of a string: its toString, valueOf and Symbol.toPrimitive give
// "BONJOUR !", its name and length are set to look like the text, and calling it returns "BONJOUR
// !". A grader that called, converted or printed what it received instead of comparing would accept
// it.
function crier(texte) {
  const fake = function BONJOUR() {
    return "BONJOUR !";
  };
  fake.toString = () => "BONJOUR !";
  fake.valueOf = () => "BONJOUR !";
  fake[Symbol.toPrimitive] = () => "BONJOUR !";
  Object.defineProperty(fake, "name", { value: "BONJOUR !" });
  Object.defineProperty(fake, "length", { value: 9 });
  return fake;
}

module.exports = { crier };
