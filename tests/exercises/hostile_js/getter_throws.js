// Returns plain objects whose getters throw (an Error whose message pretends the test passed, a
// non-Error value, a stack overflow) when the value is copied for the tests.
let calls = 0;

function crier(texte) {
  if (texte === "bonjour") return "BONJOUR !";
  calls += 1;
  const value = { text: "raté" };
  Object.defineProperty(value, "trap", {
    enumerable: true,
    get() {
      if (calls % 3 === 0) throw new Error("ok 1 - garde les accents # pass");
      if (calls % 3 === 1) throw { outcome: "passed" };
      const recurse = () => recurse();
      return recurse();
    },
  });
  return value;
}

module.exports = { crier };
