// Returns an instance of a class (a subclass of String holding a wrong text) with equals, isEqual,
// compareTo, Symbol.for("nodejs.util.inspect.custom") printing the expected text, valueOf/toString
// returning the public expected text and Symbol.hasInstance claiming every class: a grader copying
// it as a string (instanceof String) or calling its equality methods would accept it.
class Shout extends String {
  equals() {
    return true;
  }

  isEqual() {
    return true;
  }

  compareTo() {
    return 0;
  }

  valueOf() {
    return "BONJOUR !";
  }

  toString() {
    return "BONJOUR !";
  }

  [Symbol.for("nodejs.util.inspect.custom")]() {
    return "'À BIENTÔT !'";
  }

  static [Symbol.hasInstance]() {
    return true;
  }
}

function crier(texte) {
  return new Shout(texte === "bonjour" ? "BONJOUR !" : "raté");
}

module.exports = { crier, Shout };
