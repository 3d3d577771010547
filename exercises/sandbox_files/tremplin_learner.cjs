// The learner's side of a JavaScript grading: loads the learner's modules for the tests, over a
// wire. Started in its own sandbox as its own uid, with /work only: it cannot see the test files,
// the tests' process or the report channel. Nothing here is trusted by the tests' side.
"use strict";
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
  return { "\u0000h": handleId(value), kind, name: name.slice(0, 200), classId, isPromise: value instanceof Promise };
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
  const text = output.join("");
  output = [];
  return text;
}

function ask(message) {
  wire.send(channel, { ...message, out: takeOutput() });
  const reply = wire.receive(channel);
  if ("raise" in reply) {
    const error = new Error(String(reply.raise?.message ?? ""));
    error.name = String(reply.raise?.name ?? "Error");
    throw error;
  }
  return fromWire(reply.value);
}

function errorReply(error) {
  const isError = error instanceof Error;
  const props = {};
  if (isError) {
    for (const key of Object.keys(error)) {
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
  set: (target, key, value) => { target[key] = value; return true; },
  delete: (target, key) => delete target[key],
  has: (target, key) => key in target,
  keys: (target) => Reflect.ownKeys(target).filter((key) => typeof key === "string"),
  descriptor: (target, key) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    return descriptor ? { enumerable: descriptor.enumerable, configurable: descriptor.configurable, writable: Boolean(descriptor.writable) } : null;
  },
  proto: (target) => Object.getPrototypeOf(target),
  iter: (target) => target[Symbol.iterator](),
  next: (iterator) => { const step = iterator.next(); return { done: Boolean(step.done), value: step.value }; },
  primitive: (target, hint) => (hint === "number" ? Number(target) : String(target)),
  inspect: (target) => util.inspect(target, { depth: 3 }),
  instanceof: (value, cls) => value instanceof cls,
  equal: (a, b) => a === b,
};

async function answer(message) {
  const op = message.op;
  if (op === "require") return { value: toWire(require(String(message.name))) };
  const target = objects.get(message.h);
  const args = Array.isArray(message.args) ? message.args.map(fromWire) : [];
  const before = args.map((arg) => (arg !== null && typeof arg === "object" ? v8.serialize(arg) : null));
  const known = wire.origins(args);
  let value;
  if (op === "call") value = Reflect.apply(target, message.self ? fromWire(message.self) : undefined, args);
  else if (op === "construct") value = Reflect.construct(target, args);
  else if (Object.hasOwn(OPS, op)) value = OPS[op](target, ...args);
  else throw new Error(`requête inconnue ${op}`);
  const settled = {};
  if (value instanceof Promise) {
    // A promise is settled here, the tests receive its outcome (awaiting it over there works).
    try {
      value = await value;
      settled.settled = "fulfilled";
    } catch (error) {
      return { ...errorReply(error), settled: "rejected", after: changed(args, before) };
    }
  }
  return { value: wire.encode(value, marker, 0, new Set(), known), ...settled, after: changed(args, before) };
}

// The arguments the call changed in place, for the tests' side to change its own objects alike.
function changed(args, before) {
  const after = {};
  args.forEach((arg, index) => {
    if (before[index] === null) return;
    let now;
    try {
      now = v8.serialize(arg);
    } catch {
      return;
    }
    if (!now.equals(before[index])) after[index] = toWire(arg);
  });
  return after;
}

async function serve() {
  const write = (chunk) => { output.push(String(chunk)); return true; };
  process.stdout.write = write;
  process.stderr.write = write;
  for (const name of ["log", "info", "warn", "error", "debug"]) console[name] = (...args) => write(util.format(...args) + "\n");
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
      wire.send(channel, { ...reply, out: takeOutput() });
    } catch (error) {
      if (error instanceof wire.ChannelClosed) process.reallyExit(0);
      wire.send(channel, { raise: { isError: true, classId: 0, chain: ["RangeError"], name: "RangeError",
        message: "valeur trop grande pour être transmise aux tests", props: {}, handle: 0 }, out: takeOutput() });
    }
  }
}

serve();
