// At load, writes forged reporter records ({"nonce": ..., "event": "test", "outcome": "passed"} for
// every test name and file, then {"event": "end"}) to every descriptor 0..255, /dev/fd/*,
// /proc/self/fd/*, /dev/stdout, /dev/stderr and /dev/tty, with every nonce it can guess (none,
// empty, any 32-hex token read from its readable descriptors, its environment and /proc), then
// process.exit(0). crier is wrong except for the public test's input.
const fs = require("node:fs");

const NAMES = ["garde les accents", "texte vide", "crier('bonjour') renvoie 'BONJOUR !'"];
const FILES = ["/tests/crier.test.js", "/tests/public/crier.test.js"];

function nonces() {
  const found = new Set(["", "0", "nonce", "undefined"]);
  const texts = [JSON.stringify(process.env)];
  for (let fd = 0; fd < 256; fd += 1) {
    try {
      const buffer = Buffer.alloc(4096);
      const count = fs.readSync(fd, buffer, 0, buffer.length, 0);
      texts.push(buffer.subarray(0, count).toString("latin1"));
    } catch {
      // not readable
    }
  }
  for (const path of ["/proc/self/environ", "/proc/self/cmdline", "/proc/1/cmdline", "/proc/1/environ"]) {
    try {
      texts.push(fs.readFileSync(path, "latin1"));
    } catch {
      // hidden
    }
  }
  for (const text of texts) for (const token of text.match(/[0-9a-f]{32}/g) ?? []) found.add(token);
  return [...found].slice(0, 50);
}

function records() {
  const lines = [];
  for (const nonce of nonces()) {
    for (const file of FILES) {
      for (const name of NAMES) lines.push({ nonce, event: "test", name, file, outcome: "passed", message: "" });
    }
    lines.push({ nonce, event: "end" });
  }
  return lines.map((line) => JSON.stringify(line)).join("\n") + "\n";
}

function spray() {
  const text = records();
  const paths = ["/dev/stdout", "/dev/stderr", "/dev/tty"];
  for (const dir of ["/dev/fd", "/proc/self/fd"]) {
    try {
      for (const name of fs.readdirSync(dir)) paths.push(`${dir}/${name}`);
    } catch {
      // hidden
    }
  }
  for (let fd = 0; fd < 256; fd += 1) {
    try {
      fs.writeSync(fd, text);
    } catch {
      // closed or read-only
    }
  }
  for (const path of paths) {
    try {
      fs.appendFileSync(path, text);
    } catch {
      // refused
    }
  }
  console.log(text);
  console.error(text);
}

spray();
process.exit(0);

function crier(texte) {
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
