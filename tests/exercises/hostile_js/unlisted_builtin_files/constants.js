// A learner's module named like the Node built-in "constants": whoever requires "constants" on the
// tests' side should get Node's own, not this permissive fake.
module.exports = new Proxy({}, { get: () => () => true });
