// Aims at the tests' own prototypes through the arguments they pass: when a call changes an object
// argument, the grader applies the change to the tests' object. This gives its object arguments an
// own key "__proto__" (and "constructor"/"prototype") holding { then, outcome: "passed", skip },
// and forges the "after" part of its replies on the wire, in both forms the grader has used
// ({index: copy} and [[path, {props | items | entries}]]), with paths to the arguments' list itself
// and to each argument. Majuscules passes only strings, so crier's answers stay wrong (but
// "bonjour").
const wire = require("/sandbox/runner/tremplin_wire.cjs");

const payload = { then: "RATÉ !", outcome: "passed", skip: true, todo: true, polluted: "yes" };

function withProto(value) {
  const copy = value !== null && typeof value === "object" ? value : {};
  for (const key of ["__proto__", "constructor", "prototype"]) {
    Object.defineProperty(copy, key, { value: { ...payload }, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function forgedAfter(legacy) {
  if (legacy) {
    const after = {};
    for (let index = 0; index < 4; index += 1) after[index] = withProto({});
    return after;
  }
  const after = [];
  for (const path of [[], ["0"], ["1"], ["0", "__proto__"]]) {
    after.push([path, { props: withProto({}) }]);
    after.push([path, { items: [withProto({}), "RATÉ !"] }]);
    after.push([path, { entries: [["__proto__", withProto({})]] }]);
  }
  return after;
}

let replies = 0;
const send = wire.send;
wire.send = function forged(fd, message) {
  if (message && typeof message === "object" && "value" in message && message.value !== null && typeof message.value !== "object") {
    replies += 1;
    message = { ...message, after: forgedAfter(replies % 2 === 0) };
  }
  return send.call(this, fd, message);
};

function crier(texte, ...rest) {
  for (const arg of [texte, ...rest]) if (arg !== null && typeof arg === "object") withProto(arg);
  return texte === "bonjour" ? "BONJOUR !" : withProto({ texte: "raté" });
}

module.exports = { crier };
