// Custom reporter for `node --test`, run inside the sandbox. It runs in the test runner's own
// process, while each test file (and the learner's code it requires) runs in a child process.
// Records go to the report descriptor with the nonce read from another descriptor first.
import fs from "node:fs";

const nonce = fs.readFileSync(`/dev/fd/${process.env.TREMPLIN_NONCE_FD}`, "utf8");

function message(error) {
  if (!error) return "";
  const cause = error.cause ?? error;
  return String(cause?.message ?? cause).slice(0, 4000);
}

export default async function* reporter(source) {
  let outOfMemory = false;
  const suites = []; // names of the enclosing describe()/test() by nesting level
  for await (const event of source) {
    if (event.type === "test:start") {
      suites.length = event.data.nesting;
      suites[event.data.nesting] = event.data.name;
    }
    // A test file's process that ran out of heap says so on its stderr, which the runner relays.
    if (event.type === "test:stderr" && !outOfMemory && /out of memory|Allocation failed/i.test(String(event.data?.message ?? ""))) {
      outOfMemory = true;
      yield JSON.stringify({ nonce, event: "memory" }) + "\n";
    }
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const data = event.data;
    if (data.details?.type === "suite") continue;
    // Two tests of the same name in two describe() blocks are two tests: the path tells them apart.
    const path = [...suites.slice(0, data.nesting), data.name].join(" › ");
    yield JSON.stringify({
      nonce, event: "test", name: data.name, path, file: data.file ?? "",
      outcome: data.skip || data.todo ? "skipped" : event.type === "test:pass" ? "passed" : "failed",
      message: event.type === "test:fail" ? message(data.details?.error) : "",
    }) + "\n";
  }
  yield JSON.stringify({ nonce, event: "end" }) + "\n";
}
