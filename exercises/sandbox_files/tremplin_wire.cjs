// The wire between a JavaScript exercise's tests and the learner's module (two sandboxes, two
// uids). Messages are length-prefixed node:v8 serialisations (structured clone: data only, no
// code runs when they are read). Each side walks values before sending: data is copied; anything
// else crosses as a reference marker (see tremplin_proxy.cjs and tremplin_learner.cjs).
"use strict";
const fs = require("node:fs");
const v8 = require("node:v8");

const MAX_MESSAGE = 32 * 1024 * 1024;
const MAX_DEPTH = 200;

class ChannelClosed extends Error {}

function writeAll(fd, buffer) {
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
    } catch (error) {
      if (error.code === "EAGAIN") continue;
      throw new ChannelClosed(String(error.code));
    }
  }
}

function send(fd, message) {
  const body = v8.serialize(message);
  if (body.length > MAX_MESSAGE) throw new Error("message trop grand");
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  writeAll(fd, Buffer.concat([head, body]));
}

function readExact(fd, size) {
  const buffer = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    let count;
    try {
      count = fs.readSync(fd, buffer, offset, size - offset, null);
    } catch (error) {
      if (error.code === "EAGAIN") continue;
      throw new ChannelClosed(String(error.code));
    }
    if (count === 0) throw new ChannelClosed("EOF");
    offset += count;
  }
  return buffer;
}

function receive(fd) {
  const size = readExact(fd, 4).readUInt32BE(0);
  if (size > MAX_MESSAGE) throw new ChannelClosed("message trop grand");
  let message;
  try {
    message = v8.deserialize(readExact(fd, size));
  } catch {
    throw new ChannelClosed("message illisible");
  }
  if (message === null || typeof message !== "object") throw new ChannelClosed("message illisible");
  return message;
}

const PLAIN = new Set([Object.prototype, null]);

// Copy `value` as data; `other(value)` gives the marker of what is not data. Only exact built-in
// kinds count as data (a plain object, an array, a Date, a Map…), read without running getters
// on the receiving side (the receiver gets a structured clone).
// `known` (a Map) gives markers for objects that must cross as themselves (the other side's own).
function encode(value, other, depth = 0, seen = new Set(), known = null) {
  const type = typeof value;
  if (value === null || type === "undefined" || type === "boolean" || type === "number" || type === "string" || type === "bigint") {
    return value;
  }
  if (known && known.has(value)) return known.get(value);
  if (type !== "object" || depth > MAX_DEPTH || seen.has(value)) return other(value);
  const proto = Object.getPrototypeOf(value);
  const inner = (item) => encode(item, other, depth + 1, new Set([...seen, value]), known);
  const plain = PLAIN.has(proto) && !("\u0000h" in value) && !("\u0000r" in value) && !("\u0000c" in value);
  if ((Array.isArray(value) && proto === Array.prototype) || plain) {
    const copy = copyContainer(value, inner);
    // Frozen stays frozen over there (changing it throws there, as it would here).
    return Object.isFrozen(value) ? { "\u0000f": copy } : copy;
  }
  if (proto === Date.prototype) return new Date(value.getTime());
  if (proto === RegExp.prototype) return new RegExp(value.source, value.flags);
  if (proto === Map.prototype) return new Map([...value].map(([k, v]) => [inner(k), inner(v)]));
  if (proto === Set.prototype) return new Set([...value].map(inner));
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Buffer.isBuffer(value) ? Buffer.from(value) : value.slice();
  return other(value);
}

// An array (its items, and extra properties such as a RegExp match's index and groups) or a plain
// object, its values copied by `inner`.
function copyContainer(value, inner) {
  const copy = Array.isArray(value) ? [] : {};
  for (const key of Object.keys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    const item = inner(descriptor && "value" in descriptor ? descriptor.value : value[key]);
    if (Array.isArray(copy) && /^(0|[1-9][0-9]*)$/.test(key)) copy[Number(key)] = item;
    else Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  if (Array.isArray(copy)) copy.length = value.length;
  return copy;
}

// Values from the other side back into values here; `reference(marker)` resolves markers.
function decode(data, reference, depth = 0) {
  if (data === null || typeof data !== "object") return data;
  if (depth > MAX_DEPTH + 2) throw new ChannelClosed("valeur trop imbriquée");
  if ("\u0000h" in data || "\u0000r" in data || "\u0000c" in data || "\u0000e" in data || "\u0000o" in data) return reference(data);
  const inner = (item) => decode(item, reference, depth + 1);
  if ("\u0000f" in data && Object.keys(data).length === 1) return Object.freeze(inner(data["\u0000f"]));
  if (Array.isArray(data)) {
    const copy = data.map(inner);
    for (const key of Object.keys(data)) {
      if (!/^(0|[1-9][0-9]*)$/.test(key)) Object.defineProperty(copy, key, { value: inner(data[key]), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  if (data instanceof Map) return new Map([...data].map(([k, v]) => [inner(k), inner(v)]));
  if (data instanceof Set) return new Set([...data].map(inner));
  if (data instanceof Date || data instanceof RegExp || ArrayBuffer.isView(data)) return data;
  const copy = {};
  for (const key of Object.keys(data)) {
    // defineProperty: a key named __proto__ is a key, never a prototype.
    Object.defineProperty(copy, key, { value: inner(data[key]), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

// Where each array and plain object sits in `root` (a path of keys): the learner's code returning
// one of the objects the tests gave it returns that very object (assert.equal(f(list), list[3])).
function origins(root, path = [], found = new Map(), depth = 0) {
  if (root === null || typeof root !== "object" || depth > 50 || found.has(root)) return found;
  const proto = Object.getPrototypeOf(root);
  if ([Map.prototype, Set.prototype, Date.prototype].includes(proto)) {
    found.set(root, { "\u0000o": path });  // itself, not what it holds
    return found;
  }
  if (!(Array.isArray(root) && proto === Array.prototype) && !PLAIN.has(proto)) return found;
  if (path.length) found.set(root, { "\u0000o": path });  // the arguments' list itself is no argument
  for (const key of Object.keys(root)) origins(root[key], [...path, key], found, depth + 1);
  return found;
}

module.exports = { send, receive, encode, decode, origins, ChannelClosed };
