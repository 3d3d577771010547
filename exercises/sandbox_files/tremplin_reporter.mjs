// Custom reporter for node:test, run inside the tests' sandbox, in the test file's own process;
// the learner's code runs in another sandbox (tremplin_learner.cjs), whose memory and limits the
// worker watches itself: what the learner's code prints, relayed here, is never read as a verdict.
// Records go to the report descriptor with the nonce read from another descriptor first.
import fs from "node:fs";

const nonce = fs.readFileSync(`/dev/fd/${process.env.TREMPLIN_NONCE_FD}`, "utf8");

function message(error) {
  if (!error) return "";
  const cause = error.cause ?? error;
  return String(cause?.message ?? cause).slice(0, 4000);
}

export default async function* reporter(source) {
  const suites = []; // names of the enclosing describe()/test() by nesting level
  for await (const event of source) {
    if (event.type === "test:start") {
      suites.length = event.data.nesting;
      suites[event.data.nesting] = event.data.name;
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
