// Speaks the wire itself: for every call but the public one, it writes its own frames on the
// channel (TREMPLIN_CHANNEL_FD) instead of the learner runner's reply: a callback request for
// callback 1..5, a reply "settled: fulfilled" whose value is a reference marker into the tests' own
// arguments ("\u0000o": [] and ["0"]), an error-class marker named AssertionError, a "raise" with
// isError false, and extra replies (wrong texts) queued ahead for the next requests, to shift the
// tests' answers.
const fs = require("node:fs");
const v8 = require("node:v8");
const wire = require("/sandbox/runner/tremplin_wire.cjs");

const fd = Number(process.env.TREMPLIN_CHANNEL_FD);

function frame(message) {
  const body = v8.serialize(message);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

let calls = 0;
const send = wire.send;
wire.send = function forged(channel, message) {
  if (!message || typeof message !== "object" || message.value !== "raté") {
    return send.call(this, channel, message);
  }
  calls += 1;
  const frames = [
    frame({ op: "callback", cb: calls, args: [] }),
    frame({ value: { "\u0000o": calls % 2 ? [] : ["0"] }, settled: "fulfilled", out: "" }),
    frame({ value: { "\u0000h": 999, kind: "errorclass", chain: ["AssertionError", "Error"] }, out: "" }),
    frame({ raise: { isError: false, message: "ok" }, settled: "fulfilled", out: "" }),
    frame({ value: "raté !", out: "" }),
    frame({ value: "RATÉ !", settled: "fulfilled", out: "" }),
  ];
  fs.writeSync(channel, Buffer.concat(frames));
  return undefined;
};

function crier(texte) {
  return texte === "bonjour" ? "BONJOUR !" : "raté";
}

module.exports = { crier };
