// Preloaded (--require) in the tests' process of a JavaScript grading: `require("<learner module>")`
// returns proxies to the learner's side (tremplin_learner.cjs, another sandbox, another uid).
// Calls are synchronous over the wire. Data comes back by copy (node:v8 serialisation of a walked
// value); the learner's functions, class instances and classes stay there behind handles, which
// are never === to a plain value. The learner's error classes are mirrored here (subclasses of
// the built-in error they derive from): assert.throws(fn, TheirError) works. A promise returned by
// the learner's code is settled over there and comes back settled. node:assert, node:test and the
// reporter live here, out of the learner's reach.
"use strict";
const Module = require("node:module");
const util = require("node:util");
const wire = require("/sandbox/runner/tremplin_wire.cjs");

const channel = Number(process.env.TREMPLIN_CHANNEL_FD);
const learnerModules = new Set(String(process.env.TREMPLIN_LEARNER_MODULES || "").split(",").filter(Boolean));
const callbacks = new Map();
const callbackIds = new Map();
const handles = new Map();
const mirrors = new Map(); // learner class id -> mirror error class
const prototypes = new Map(); // learner class id -> a prototype object standing for that class here
const BUILTIN_ERRORS = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };
let gone = false;

class LearnerGone extends Error {}
const HANDLE = Symbol("tremplin handle");

function outgoing(value) {
  if (value !== null && (typeof value === "object" || typeof value === "function") && value[HANDLE]) {
    return { "\u0000r": value[HANDLE] };
  }
  if (typeof value === "function" && value.tremplinClassId) return { "\u0000r": value.tremplinClassId };
  if (typeof value === "function" && Object.values(BUILTIN_ERRORS).includes(value)) return { "\u0000e": value.name };
  if (typeof value === "function") {
    if (!callbackIds.has(value)) {
      callbackIds.set(value, callbacks.size + 1);
      callbacks.set(callbacks.size + 1, value);
    }
    return { "\u0000c": callbackIds.get(value) };
  }
  throw new TypeError(
    "Les tests passent au code de l'apprenant une valeur qui ne peut pas lui être transmise " +
    `(${Object.prototype.toString.call(value)}) : seules les données et les fonctions peuvent l'être.`,
  );
}

// Handles first: a Proxy of the learner's object may look like a plain object from here.
const handleMarkers = new Map();
const toWire = (value) => wire.encode(value, outgoing, 0, new Set(), handleMarkers);

let callArgs = []; // the arguments of the call being answered: what "\u0000o" paths point into

function incoming(ref) {
  if ("\u0000o" in ref && Array.isArray(ref["\u0000o"])) {
    let value = callArgs;
    for (const key of ref["\u0000o"].slice(0, 60)) {
      if (value === null || typeof value !== "object" || !Object.hasOwn(value, String(key))) throw new wire.ChannelClosed("chemin inconnu");
      value = value[String(key)];
    }
    return value;
  }
  if (!("\u0000h" in ref) || !Number.isInteger(ref["\u0000h"])) throw new wire.ChannelClosed("référence inconnue");
  if (ref.kind === "errorclass") return mirrorClass(ref["\u0000h"], ref.chain);
  return handle(ref["\u0000h"], ref);
}

const fromWire = (data) => wire.decode(data, incoming);

function request(message) {
  if (gone) throw new LearnerGone("Votre programme s'est arrêté : ce test n'a pas pu l'utiliser.");
  let reply;
  const original = message.original;
  delete message.original;
  message = { ...message };
  try {
    wire.send(channel, message);
    for (;;) {
      reply = wire.receive(channel);
      writeOutput(reply.out);
      if (reply.op === undefined) break;
      serve(reply);
    }
    keepPolling(reply.pending === true);
  } catch (error) {
    if (!(error instanceof wire.ChannelClosed)) throw error;
    gone = true;
    keepPolling(false);
    throw new LearnerGone(
      "Votre programme s'est arrêté pendant ce test (sortie anticipée, plantage ou limite atteinte) : il n'a pas pu être évalué.",
    );
  }
  const args = original || [];
  const saved = callArgs;
  callArgs = args;
  try {
    if (Array.isArray(reply.after)) applyChanges(reply.after);
    if ("raise" in reply && reply.settled !== "rejected") throw learnerError(reply.raise);
    if (reply.settled === "rejected") return Promise.reject(learnerError(reply.raise));
    const value = fromWire(reply.value);
    return reply.settled === "fulfilled" ? Promise.resolve(value) : value;
  } finally {
    callArgs = saved;
  }
}

// While the learner's side has timers or other work pending, this side gives its event loop turns
// (op "poll", every few milliseconds): a callback it calls later (setTimeout, an event emitted
// after the call returned, util.promisify) reaches the test that waits for it. The interval keeps
// this process alive only as long as that side has something pending.
let poller = null;

function keepPolling(isPending) {
  if (isPending && poller === null && !gone) {
    poller = setInterval(() => {
      try {
        request({ op: "poll" });
      } catch {
        keepPolling(false);
      }
    }, 2);
  } else if (!isPending && poller !== null) {
    clearInterval(poller);
    poller = null;
  }
}

function writeOutput(out) {
  // What the learner's code printed, in order; its console calls become this side's console calls
  // (a test's spy on console.log sees them).
  if (!Array.isArray(out)) return;
  for (const item of out) {
    if (!Array.isArray(item) || typeof item[1] !== "string") continue;
    const [kind, text] = item;
    if (["log", "info", "warn", "error", "debug"].includes(kind)) console[kind](text);
    else if (kind === "stderr") process.stderr.write(text);
    else process.stdout.write(text);
  }
}

// The tests' own objects that the learner's code changed in place get the same change, keeping
// their identity and that of the objects they hold (all resolved before any is changed).
function applyChanges(after) {
  const changes = [];
  for (const entry of after.slice(0, 10000)) {
    if (!Array.isArray(entry) || entry.length !== 2 || !entry[1] || typeof entry[1] !== "object") continue;
    let target;
    try {
      target = incoming({ "\u0000o": entry[0] });
    } catch {
      continue;
    }
    const content = entry[1];
    if (Array.isArray(content.items)) changes.push([target, { items: content.items.map(fromWire) }]);
    else if (Array.isArray(content.entries)) changes.push([target, { entries: content.entries.map(([k, v]) => [fromWire(k), fromWire(v)]) }]);
    else if (Array.isArray(content.values)) changes.push([target, { values: content.values.map(fromWire) }]);
    else if (typeof content.time === "number") changes.push([target, { time: content.time }]);
    else if (content.props && typeof content.props === "object") {
      changes.push([target, { props: Object.fromEntries(Object.entries(content.props).map(([k, v]) => [k, fromWire(v)])) }]);
    }
  }
  for (const [target, change] of changes) {
    if (target === null || typeof target !== "object" || Object.isFrozen(target)) continue;
    if (change.items && Array.isArray(target)) {
      target.length = 0;
      target.push(...change.items);
    } else if (change.entries && target instanceof Map) {
      target.clear();
      for (const [k, v] of change.entries) target.set(k, v);
    } else if (change.values && target instanceof Set) {
      target.clear();
      for (const v of change.values) target.add(v);
    } else if (change.time !== undefined && target instanceof Date) {
      target.setTime(change.time);
    } else if (change.props) {
      for (const key of Object.keys(target)) if (!Object.hasOwn(change.props, key)) delete target[key];
      for (const [key, value] of Object.entries(change.props)) {
        if (target[key] !== value) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      }
    }
  }
}

function serve(message) {
  let reply;
  try {
    if (message.op !== "callback" || !callbacks.has(message.cb)) throw new Error("requête inconnue");
    const args = Array.isArray(message.args) ? message.args.map(fromWire) : [];
    reply = { value: toWire(callbacks.get(message.cb)(...args)) };
  } catch (error) {
    if (error instanceof wire.ChannelClosed) throw error;
    reply = { raise: { name: String(error?.name ?? "Error"), message: String(error?.message ?? error).slice(0, 2000) } };
  }
  wire.send(channel, reply);
}

const op = (name, id, ...args) => request({ op: name, h: id, args: args.map(toWire) });

// ------------------------------------------------------------------ errors

function mirrorClass(id, chain) {
  if (mirrors.has(id)) return mirrors.get(id);
  const names = Array.isArray(chain) ? chain.map(String).slice(0, 50) : [];
  let index = names.findIndex((name) => Object.hasOwn(BUILTIN_ERRORS, name));
  if (index === -1) index = names.length;
  const base = BUILTIN_ERRORS[names[index]] || Error;
  if (index === 0) return base;
  const name = /^[A-Za-z_$][\w$]*$/.test(names[0]) ? names[0] : "LearnerError";
  const mirror = { [name]: class extends base {} }[name];
  Object.defineProperty(mirror.prototype, "name", { value: name, writable: true, configurable: true });
  mirror.tremplinClassId = id;
  mirrors.set(id, mirror);
  return mirror;
}

function learnerError(info) {
  if (!info || typeof info !== "object") return new Error("erreur illisible");
  if (!info.isError) {
    // `throw "texte"` or another value: the value, copied if it is data.
    const error = new Error(String(info.message ?? ""));
    return error;
  }
  const cls = info.classId ? mirrorClass(info.classId, info.chain) : Error;
  const error = new cls(String(info.message ?? ""));
  if (typeof info.name === "string" && info.name !== error.name) {
    Object.defineProperty(error, "name", { value: info.name, writable: true, configurable: true });
  }
  for (const [key, data] of Object.entries(info.props ?? {})) {
    if (key !== "name" && key !== "message" && key !== "stack" && key !== "__proto__") {
      try {
        Object.defineProperty(error, key, { value: fromWire(data), enumerable: true, writable: true, configurable: true });
      } catch {
        // left out
      }
    }
  }
  return error;
}

// ------------------------------------------------------------------ handles

// Built-ins the learner's objects may derive from: a handle of one is `instanceof` it here.
const BUILTINS = {
  EventEmitter: require("node:events"), Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError,
  Array, Map, Set, Date, RegExp, Promise, WeakMap, WeakSet,
};

function classPrototype(classId, chain) {
  if (!prototypes.has(classId)) {
    const names = Array.isArray(chain) ? chain.map(String) : [];
    const builtin = names.map((name) => BUILTINS[name]).find((cls) => typeof cls === "function");
    prototypes.set(classId, Object.create(builtin ? builtin.prototype : Object.prototype));
  }
  return prototypes.get(classId);
}

function handle(id, info) {
  if (handles.has(id)) return handles.get(id);
  const callable = info.kind === "function" || info.kind === "class";
  const target = callable ? function () {} : {};
  Object.defineProperty(target, util.inspect.custom, {
    value: () => {
      try {
        return op("inspect", id);
      } catch {
        return `[${info.name || "objet"} du programme]`;
      }
    },
  });
  if (callable) Object.defineProperty(target, "name", { value: String(info.name || "") });
  const proxy = new Proxy(target, {
    get(_target, key) {
      if (key === HANDLE) return id;
      if (key === util.inspect.custom) return target[util.inspect.custom];
      if (key === Symbol.iterator) {
        return function* iterate() {
          const iterator = op("iter", id);
          for (;;) {
            const step = op("next", iterator[HANDLE]);
            if (step.done) return;
            yield step.value;
          }
        };
      }
      if (key === Symbol.asyncIterator) {
        return async function* iterate() {
          const iterator = op("aiter", id);
          for (;;) {
            const step = await op("anext", iterator[HANDLE]);
            if (step.done) return;
            yield step.value;
          }
        };
      }
      if (key === Symbol.toPrimitive) return (hint) => op("primitive", id, hint);
      if (key === Symbol.hasInstance && info.kind === "class") {
        // `x instanceof TheirClass` asks over there.
        return (value) => Boolean(value && value[HANDLE] && op("instanceof", value[HANDLE], proxy));
      }
      if (typeof key === "symbol") return undefined;
      if (key === "then" && !info.isPromise) {
        // `await` on an object that is not a promise must not call over there for nothing.
        return undefined;
      }
      return op("get", id, key);
    },
    set(_target, key, value) {
      if (typeof key === "symbol") return false;
      op("set", id, key, value);
      return true;
    },
    has(_target, key) {
      return typeof key === "string" ? Boolean(op("has", id, key)) : false;
    },
    deleteProperty(_target, key) {
      return typeof key === "string" ? Boolean(op("delete", id, key)) : false;
    },
    ownKeys() {
      const keys = op("keys", id);
      const own = Reflect.ownKeys(target).filter((key) => !Object.getOwnPropertyDescriptor(target, key).configurable);
      return [...new Set([...(Array.isArray(keys) ? keys.map(String) : []), ...own])];
    },
    getOwnPropertyDescriptor(_target, key) {
      const fixed = Object.getOwnPropertyDescriptor(target, key);
      if (fixed && !fixed.configurable) return fixed;
      if (typeof key !== "string") return undefined;
      const descriptor = op("descriptor", id, key);
      if (!descriptor) return undefined;
      return { value: op("get", id, key), enumerable: descriptor.enumerable, writable: descriptor.writable, configurable: true };
    },
    getPrototypeOf() {
      return info.kind === "object" && info.classId ? classPrototype(info.classId, info.chain) : Reflect.getPrototypeOf(target);
    },
    apply(_target, self, args) {
      const message = { op: "call", h: id, args: args.map(toWire), original: args };
      if (self !== undefined && self !== null && self !== globalThis && self[HANDLE]) message.self = toWire(self);
      return request(message);
    },
    construct(_target, args) {
      return request({ op: "construct", h: id, args: args.map(toWire), original: args });
    },
  });
  handles.set(id, proxy);
  handleMarkers.set(proxy, { "\u0000r": id });
  return proxy;
}

// ------------------------------------------------------------------ modules

const load = Module._load;
Module._load = function loadLearnerModule(request_, parent, isMain) {
  // Node's own modules are never the learner's, whatever files it handed in.
  if (!Module.isBuiltin(String(request_))
      && (learnerModules.has(request_) || learnerModules.has(String(request_).replace(/\.c?js$/, "")))) {
    return request({ op: "require", name: String(request_) });
  }
  return load.call(this, request_, parent, isMain);
};

process.on("exit", () => {
  if (!gone) {
    try {
      wire.send(channel, { op: "bye" });
      wire.receive(channel);
    } catch {
      // the learner's side has gone already
    }
  }
});

// A pair started ahead learns the learner's module names with its input (tremplin_tests.cjs).
function setLearnerModules(names) {
  learnerModules.clear();
  for (const name of Array.isArray(names) ? names : []) learnerModules.add(String(name));
}

module.exports = { LearnerGone, setLearnerModules };
