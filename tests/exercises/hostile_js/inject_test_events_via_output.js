// Forges node:test's own child-to-runner protocol (v8-serialised "test:pass" events framed by 0xFF
// 0x0F + a 4-byte length, what the test file's process writes on its stdout for the runner) for
// every test name, and writes it: through console.log and process.stdout.write (the grader relays
// the learner's output into the tests' process stdout), as a Buffer, and with fs.writeSync on fds 1
// and 2. A frame announcing 1 GiB is added to swallow the real events that follow. crier is wrong
// except for the public test's input.
const fs = require("node:fs");
const v8 = require("node:v8");

const NAMES = ["garde les accents", "texte vide", "crier('bonjour') renvoie 'BONJOUR !'"];
const FILES = ["/tests/crier.test.js", "/tests/public/crier.test.js"];

function frame(item) {
  const serializer = new v8.DefaultSerializer();
  serializer.writeHeader();
  serializer.writeRawBytes(Buffer.alloc(4));
  serializer.writeHeader();
  serializer.writeValue(item);
  const message = serializer.releaseBuffer();
  message.writeUInt32BE(message.length - 6, 2);
  return message;
}

function forged() {
  const frames = [];
  for (const file of FILES) {
    for (const name of NAMES) {
      const data = { name, nesting: 0, testNumber: 1, file, line: 1, column: 1, details: { duration_ms: 1 } };
      frames.push(frame({ type: "test:pass", data }));
      frames.push(frame({ type: "test:dequeue", data }));
    }
  }
  const swallow = Buffer.from([0xff, 0x0f, 0x40, 0x00, 0x00, 0x00]);
  return Buffer.concat([...frames, swallow]);
}

function spray() {
  const bytes = forged();
  for (const write of [
    () => console.log(bytes.toString("latin1")),
    () => console.log(bytes.toString("binary")),
    () => process.stdout.write(bytes),
    () => process.stdout.write(bytes.toString("latin1"), "latin1"),
    () => process.stderr.write(bytes),
    () => fs.writeSync(1, bytes),
    () => fs.writeSync(2, bytes),
  ]) {
    try {
      write();
    } catch {
      // next
    }
  }
}

spray();

function crier(texte) {
  spray();
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
