// The learner's side of a JavaScript grading: loads the learner's modules for the tests, over a
// wire. Started in its own sandbox as its own uid, with /work only: it cannot see the test files,
// the tests' process or the report channel. Nothing here is trusted by the tests' side.
"use strict";
const fs = require("node:fs");
const util = require("node:util");
const v8 = require("node:v8");
const wire = require("/sandbox/runner/tremplin_wire.cjs");

const channel = Number(process.env.TREMPLIN_CHANNEL_FD);
const objects = new Map(); // handle id -> value
const ids = new Map(); // value -> handle id
let output = [];

function handleId(value) {
  if (ids.has(value)) return ids.get(value);
  const id = objects.size + 1;
  objects.set(id, value);
  ids.set(value, id);
  return id;
}

function chain(cls) {
  const names = [];
  for (let current = cls; typeof current === "function" && names.length < 50; current = Object.getPrototypeOf(current)) {
    names.push(String(current.name || ""));
    if (current === Error || current === Function.prototype) break;
  }
  return names;
}

const BUILTIN_ERRORS = new Set([Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError]);

function isErrorClass(value) {
  return typeof value === "function" && (BUILTIN_ERRORS.has(value) || value.prototype instanceof Error);
}

function marker(value) {
  if (isErrorClass(value)) return { "\u0000h": handleId(value), kind: "errorclass", chain: chain(value) };
  const kind = typeof value === "function" ? (/^class[\s{]/.test(Function.prototype.toString.call(value)) ? "class" : "function") : "object";
  let name = "";
  try {
    name = kind === "object" ? String(value?.constructor?.name ?? "") : String(value.name ?? "");
  } catch {
    name = "";
  }
  const classId = kind === "object" && typeof value?.constructor === "function" ? handleId(value.constructor) : 0;
  // The names of the classes it derives from, for the tests' side to link it to its own built-ins
  // (an EventEmitter, a RangeError passed to a callback…).
  const chainNames = [];
  try {
    for (let proto = Object.getPrototypeOf(value); proto && chainNames.length < 20; proto = Object.getPrototypeOf(proto)) {
      const ctor = Object.getOwnPropertyDescriptor(proto, "constructor")?.value;
      chainNames.push(typeof ctor === "function" ? String(ctor.name) : "");
    }
  } catch {
    // a Proxy of the learner's may refuse: no chain
  }
  return { "\u0000h": handleId(value), kind, name: name.slice(0, 200), classId, chain: chainNames, isPromise: value instanceof Promise };
}

const toWire = (value) => wire.encode(value, marker);

function callback(number) {
  return function testSideCallable(...args) {
    return ask({ op: "callback", cb: number, args: args.map(toWire) });
  };
}

function fromWire(data) {
  return wire.decode(data, (ref) => {
    if ("\u0000r" in ref && objects.has(ref["\u0000r"])) return objects.get(ref["\u0000r"]);
    if ("\u0000c" in ref && Number.isInteger(ref["\u0000c"])) return callback(ref["\u0000c"]);
    if ("\u0000e" in ref && ref["\u0000e"] in globalThis && isErrorClass(globalThis[ref["\u0000e"]])) return globalThis[ref["\u0000e"]];
    throw new Error("référence inconnue");
  });
}

function takeOutput() {
  // [[kind, text], …]: "stdout", or the console method the learner's code called.
  const taken = output;
  output = [];
  return taken;
}

function ask(message) {
  wire.send(channel, { ...message, out: takeOutput() });
  let reply = wire.receive(channel);
  while (reply.op !== undefined) {
    // The tests' callable asks this side something before it returns (a callback reading the
    // learner's object it was given): answered now, without waiting for any promise.
    let nested;
    try {
      const now = answerNow(reply);
      nested = now.reply ?? { value: toWire(now.promise) };  // a promise stays a promise, unsettled
    } catch (error) {
      if (error instanceof wire.ChannelClosed) throw error;
      nested = errorReply(error);
    }
    wire.send(channel, { ...nested, out: takeOutput() });
    reply = wire.receive(channel);
  }
  if ("raise" in reply) {
    const name = String(reply.raise?.name ?? "Error");
    const Builtin = BUILTIN_ERRORS.has(globalThis[name]) ? globalThis[name] : Error;
    const error = new Builtin(String(reply.raise?.message ?? ""));
    if (error.name !== name) error.name = name;
    throw error;
  }
  return fromWire(reply.value);
}

function errorReply(error) {
  const isError = error instanceof Error;
  const props = {};
  if (isError) {
    for (const key of [...Object.keys(error), ...("cause" in error && !Object.keys(error).includes("cause") ? ["cause"] : [])]) {
      try {
        props[key] = toWire(error[key]);
      } catch {
        // a property that cannot be read is left out
      }
    }
  }
  let message = "";
  try {
    message = isError ? String(error.message) : util.inspect(error);
  } catch {
    message = "";
  }
  return {
    raise: {
      isError, classId: isError && typeof error.constructor === "function" ? handleId(error.constructor) : 0,
      chain: isError ? chain(error.constructor) : [], name: isError ? String(error.name) : "Error", message: message.slice(0, 5000),
      props, handle: typeof error === "object" && error !== null ? handleId(error) : 0,
    },
  };
}

const OPS = {
  get: (target, key) => target[key],
  set: (target, key, value) => Reflect.set(target, key, value),  // false, not an error, as outside strict mode
  delete: (target, key) => delete target[key],
  has: (target, key) => key in target,
  keys: (target) => Reflect.ownKeys(target).filter((key) => typeof key === "string"),
  descriptor: (target, key) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    return descriptor ? { enumerable: descriptor.enumerable, configurable: descriptor.configurable, writable: Boolean(descriptor.writable) } : null;
  },
  proto: (target) => Object.getPrototypeOf(target),
  iter: (target) => target[Symbol.iterator](),
  next: (iterator, ...sent) => { const step = iterator.next(...sent); return { done: Boolean(step.done), value: step.value }; },
  aiter: (target) => target[Symbol.asyncIterator](),
  anext: async (iterator) => { const step = await iterator.next(); return { done: Boolean(step.done), value: step.value }; },
  primitive: (target, hint) => (hint === "number" ? Number(target) : String(target)),
  inspect: (target) => util.inspect(target, { depth: 3 }),
  instanceof: (value, cls) => value instanceof cls,
  equal: (a, b) => a === b,
};

// Whether something of the learner's code may still run later (a timer, an immediate, a socket…):
// the tests' side keeps giving this side's event loop turns (op "poll") while it is so.
function pending() {
  return process.getActiveResourcesInfo().some((kind) => !["PipeWrap", "TTYWrap", "FSReqCallback", "TCPWrap"].includes(kind));
}

async function answer(message) {
  if (message.op === "poll") {
    // A turn of the event loop: due timers run, and the callbacks they call reach the tests now.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { value: null };
  }
  const { reply, promise, known, before } = answerNow(message);
  if (!promise) return reply;
  // A promise is settled here, the tests receive its outcome (awaiting it over there works).
  try {
    const value = await promise;
    return { value: wire.encode(value, marker, 0, new Set(), known), settled: "fulfilled", after: changed(known, before) };
  } catch (error) {
    return { ...errorReply(error), settled: "rejected", after: changed(known, before) };
  }
}

// Answer a request without awaiting anything; a promise the learner's code returned is handed back
// unsettled (`promise`) for answer() to await.
function answerNow(message) {
  const op = message.op;
  if (op === "require") return { reply: { value: toWire(require(String(message.name))) } };
  if (op === "poll") return { reply: { value: null } };
  const target = objects.get(message.h);
  const args = Array.isArray(message.args) ? message.args.map(fromWire) : [];
  const known = wire.origins(args);
  const before = new Map([...known.keys()].map((object) => [object, snapshot(object)]));
  let value;
  if (op === "call") value = Reflect.apply(target, message.self ? fromWire(message.self) : undefined, args);
  else if (op === "construct") value = Reflect.construct(target, args);
  else if (Object.hasOwn(OPS, op)) value = OPS[op](target, ...args);
  else throw new Error(`requête inconnue ${op}`);
  if (value instanceof Promise) return { promise: value, known, before };
  return { reply: { value: wire.encode(value, marker, 0, new Set(), known), after: changed(known, before) } };
}

function snapshot(object) {
  try {
    return v8.serialize(object);
  } catch {
    return null;
  }
}

// The objects the tests gave that the call changed in place: [[path, new content]], each content
// one level deep (nested objects the tests gave cross as their paths), for the tests' side to change
// its own objects alike and keep their identity (a sorted array of the tests' own objects).
function changed(known, before) {
  const after = [];
  for (const [object, path] of known) {
    const now = snapshot(object);
    if (now === null || (before.get(object) !== null && now.equals(before.get(object)))) continue;
    const shallow = (item) => wire.encode(item, marker, 0, new Set(), known);
    let content;
    if (Array.isArray(object)) content = { items: object.map(shallow) };
    else if (object instanceof Map) content = { entries: [...object].map(([k, v]) => [shallow(k), shallow(v)]) };
    else if (object instanceof Set) content = { values: [...object].map(shallow) };
    else if (object instanceof Date) content = { time: object.getTime() };
    else content = { props: Object.fromEntries(Object.keys(object).map((key) => [key, shallow(object[key])])) };
    after.push([path["\u0000o"], content]);
  }
  return after;
}

async function serve() {
  let size = 0;
  const record = (kind, text) => {
    size += text.length;
    if (size > 1024 * 1024) fs.writeSync(1, text);  // a flood: to the sandbox's output, whose cap stops it
    else output.push([kind, text]);
    return true;
  };
  process.stdout.write = (chunk) => record("stdout", String(chunk));
  process.stderr.write = (chunk) => record("stderr", String(chunk));
  for (const name of ["log", "info", "warn", "error", "debug"]) console[name] = (...args) => record(name, util.format(...args));
  for (;;) {
    let message;
    try {
      message = wire.receive(channel);
    } catch {
      process.reallyExit(0);
    }
    if (message.op === "bye") {
      wire.send(channel, { value: null, out: takeOutput() });
      process.reallyExit(0);
    }
    let reply;
    try {
      reply = await answer(message);
    } catch (error) {
      if (error instanceof wire.ChannelClosed) process.reallyExit(0);
      reply = errorReply(error);
    }
    try {
      wire.send(channel, { ...reply, pending: pending(), out: takeOutput() });
    } catch (error) {
      if (error instanceof wire.ChannelClosed) process.reallyExit(0);
      wire.send(channel, { raise: { isError: true, classId: 0, chain: ["RangeError"], name: "RangeError",
        message: "valeur trop grande pour être transmise aux tests", props: {}, handle: 0 }, out: takeOutput() });
    }
  }
}

serve();
