// The tests' side of a JavaScript grading started ahead (sandbox.start_pair): Node has started
// with the proxies preloaded and the reporter configured; this waits for its input on stdin (the
// test files, written to its own /tests, which the learner's side never sees; the tests' data files,
// written to /sandbox/learner-data, the learner's /tests; the learner's files, written to the shared
// /work; the test file to run and the learner's module names), then runs that test file here.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const proxy = require("/sandbox/runner/tremplin_proxy.cjs");

function write(root, files) {
  for (const [name, content] of Object.entries(files)) {
    const target = path.resolve(root, name);
    if (!target.startsWith(root + "/")) throw new Error(`bad file name ${name}`);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    fs.writeFileSync(target, content, { mode: 0o644 });
  }
}

const payload = JSON.parse(fs.readFileSync(0, "utf8"));
write("/tests", payload.tests);
write("/sandbox/learner-data", payload.data);
write("/work", payload.files);
proxy.setLearnerModules(payload.modules);
process.chdir("/work");
require(path.resolve("/tests", payload.file));
