"""The wire between the tests' process and the learner's process (Python exercises).

Both processes load this module; each trusts only its own copy. Messages are length-prefixed JSON
(never pickle, nothing that runs code when read). Plain data crosses by copy, as tagged JSON:

    None, bool, float, str           JSON itself
    int                              JSON number, or ["I", hex] beyond 2**53
    ["L", [...]] list   ["T", [...]] tuple   ["D", [[k, v], ...]] dict   ["S", [...]] set
    ["F", [...]] frozenset   ["B", base64] bytes   ["BA", base64] bytearray   ["C", re, im] complex
    ["Dec", str] Decimal   ["Fr", n, d] Fraction   ["date"|"datetime"|"time", iso]   ["td", d, s, us]
    ["NT", typename, [fields], [values]] namedtuple   ["Ctr", [[k, n], ...]] Counter
    ["OD", [[k, v], ...]] OrderedDict   ["DQ", [...], maxlen] deque   ["R", start, stop, step] range

Everything else stays where it lives and crosses as a reference: ["H", id, info] is an object of the
learner's side (a handle), ["EC", id, info] one of its exception classes; the tests' side sends
back ["ref", id] for a handle, ["cb", id] for one of its callables (called over the wire, never
handed over) and ["bi", name] / ["imp", module, qualname] for a standard-library callable both
sides have. Only exact types count as data: a subclass of int or str is the learner's object.
"""

import base64
import collections
import datetime
import decimal
import fractions
import json
import os
import pathlib
import re
import struct
import sys

MAX_MESSAGE = 32 * 1024 * 1024
MAX_DEPTH = 200
BIG = 2 ** 53
# numpy values cross as raw bytes of these kinds only (bool, integers, floats, complex, dates):
# never object arrays, which would need pickle.
NUMPY_KINDS = "biufcmM"
NUMPY_DTYPE = re.compile(r"^[<>|=]?[biufcmM][0-9]{1,2}(\[[a-zA-Z0-9]{1,3}\])?$")


class WireError(Exception):
    """A message that is not what the protocol allows."""


class ChannelClosed(Exception):
    """The other side has gone (it ended, crashed or was killed)."""


def send(fd, message):
    data = json.dumps(message, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    if len(data) > MAX_MESSAGE:
        raise WireError("message too large")
    payload = struct.pack(">I", len(data)) + data
    view = memoryview(payload)
    while view:
        try:
            written = os.write(fd, view)
        except (BrokenPipeError, ConnectionResetError) as exc:
            raise ChannelClosed() from exc
        view = view[written:]


def _read_exact(fd, size):
    chunks, left = [], size
    while left:
        try:
            chunk = os.read(fd, min(left, 1 << 20))
        except ConnectionResetError as exc:
            raise ChannelClosed() from exc
        if not chunk:
            raise ChannelClosed()
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def receive(fd):
    (size,) = struct.unpack(">I", _read_exact(fd, 4))
    if size > MAX_MESSAGE:
        raise WireError("message too large")
    try:
        message = json.loads(_read_exact(fd, size))
    except (ValueError, RecursionError) as exc:
        raise WireError("unreadable message") from exc
    if not isinstance(message, dict):
        raise WireError("a message is an object")
    return message


# ------------------------------------------------------------------ encoding


def encode(value, other, depth=0, seen=None):
    """`value` as wire data; `other(value)` encodes what is not plain data (a reference).

    Containers nested deeper than MAX_DEPTH, or containing themselves, go as references too."""
    kind = type(value)
    if value is None or kind is bool or kind is str or kind is float:
        return value
    if kind is int:
        return value if -BIG < value < BIG else ["I", hex(value)]
    if depth > MAX_DEPTH:
        return other(value)
    seen = seen if seen is not None else set()
    if kind in _CONTAINERS or _is_namedtuple(value):
        if id(value) in seen:
            return other(value)
        seen = seen | {id(value)}

    def inner(item):
        return encode(item, other, depth + 1, seen)

    if kind is list:
        return ["L", [inner(v) for v in value]]
    if kind is tuple:
        return ["T", [inner(v) for v in value]]
    if kind is dict:
        return ["D", [[inner(k), inner(v)] for k, v in value.items()]]
    if kind is set:
        return ["S", [inner(v) for v in value]]
    if kind is frozenset:
        return ["F", [inner(v) for v in value]]
    if kind is bytes:
        return ["B", base64.b64encode(value).decode("ascii")]
    if kind is bytearray:
        return ["BA", base64.b64encode(value).decode("ascii")]
    if kind is complex:
        return ["C", value.real, value.imag]
    if kind is decimal.Decimal:
        return ["Dec", str(value)]
    if kind is fractions.Fraction:
        return ["Fr", inner(value.numerator), inner(value.denominator)]
    if kind is datetime.datetime:
        return ["datetime", value.isoformat()]
    if kind is datetime.date:
        return ["date", value.isoformat()]
    if kind is datetime.time:
        return ["time", value.isoformat()]
    if kind is datetime.timedelta:
        return ["td", value.days, value.seconds, value.microseconds]
    if kind is collections.Counter:
        return ["Ctr", [[inner(k), inner(v)] for k, v in dict.items(value)]]
    if kind is collections.OrderedDict:
        return ["OD", [[inner(k), inner(v)] for k, v in dict.items(value)]]
    if kind is collections.defaultdict:
        return ["D", [[inner(k), inner(v)] for k, v in dict.items(value)]]
    if kind is collections.deque:
        return ["DQ", [inner(v) for v in value], value.maxlen]
    if kind is range:
        return ["R", value.start, value.stop, value.step]
    if kind is pathlib.PosixPath or kind is pathlib.PurePosixPath:
        return ["P", str(value)]
    numpy = sys.modules.get("numpy")
    if numpy is not None and kind.__module__ == "numpy":
        if kind is numpy.ndarray and value.dtype.kind in NUMPY_KINDS and not value.dtype.fields:
            return ["nda", value.dtype.str, list(value.shape), base64.b64encode(value.tobytes()).decode("ascii")]
        if issubclass(kind, numpy.generic) and kind.__dict__.get("__module__", "numpy") == "numpy" and value.dtype.kind in NUMPY_KINDS:
            return ["npv", value.dtype.str, base64.b64encode(value.tobytes()).decode("ascii")]
    if _is_namedtuple(value):
        fields = list(type(value)._fields)
        return ["NT", type(value).__name__, fields, [inner(v) for v in tuple.__iter__(value)]]
    return other(value)


_CONTAINERS = {list, tuple, dict, set, frozenset, collections.Counter, collections.OrderedDict,
               collections.defaultdict, collections.deque}


def _is_namedtuple(value):
    kind = type(value)
    fields = kind.__dict__.get("_fields") if isinstance(value, tuple) else None
    return (
        isinstance(fields, tuple) and kind.__bases__ == (tuple,) and all(type(f) is str and f.isidentifier() for f in fields)
        and len(fields) == tuple.__len__(value)
    )


# ------------------------------------------------------------------ decoding


_NAMEDTUPLES = {}


def decode(data, reference, depth=0):
    """Wire data back into values; `reference(tag, data)` turns a reference into an object.

    Refuses anything the protocol does not allow (WireError): the other side may be hostile."""
    if data is None or type(data) in (bool, str, float, int):
        if type(data) is int and not -BIG < data < BIG:
            raise WireError("integer out of range")
        return data
    if depth > MAX_DEPTH + 2:
        raise WireError("too deep")
    if type(data) is not list or not data or type(data[0]) is not str:
        raise WireError("unknown value")
    tag, rest = data[0], data[1:]

    def inner(item):
        return decode(item, reference, depth + 1)

    def items(position=0):
        seq = rest[position] if len(rest) > position else None
        if type(seq) is not list:
            raise WireError("a sequence was expected")
        return seq

    try:
        if tag == "I":
            return int(rest[0], 16)
        if tag == "L":
            return [inner(v) for v in items()]
        if tag == "T":
            return tuple(inner(v) for v in items())
        if tag in ("D", "OD", "Ctr"):
            pairs = []
            for pair in items():
                if type(pair) is not list or len(pair) != 2:
                    raise WireError("a pair was expected")
                pairs.append((inner(pair[0]), inner(pair[1])))
            if tag == "Ctr":
                return collections.Counter(dict(pairs))
            return {"D": dict, "OD": collections.OrderedDict}[tag](pairs)
        if tag == "S":
            return {inner(v) for v in items()}
        if tag == "F":
            return frozenset(inner(v) for v in items())
        if tag == "B":
            return base64.b64decode(rest[0], validate=True)
        if tag == "BA":
            return bytearray(base64.b64decode(rest[0], validate=True))
        if tag == "C":
            return complex(float(rest[0]), float(rest[1]))
        if tag == "Dec":
            return decimal.Decimal(_text(rest[0]))
        if tag == "Fr":
            return fractions.Fraction(_integer(inner(rest[0])), _integer(inner(rest[1])))
        if tag == "datetime":
            return datetime.datetime.fromisoformat(_text(rest[0]))
        if tag == "date":
            return datetime.date.fromisoformat(_text(rest[0]))
        if tag == "time":
            return datetime.time.fromisoformat(_text(rest[0]))
        if tag == "td":
            return datetime.timedelta(days=_integer(rest[0]), seconds=_integer(rest[1]), microseconds=_integer(rest[2]))
        if tag == "DQ":
            maxlen = rest[1]
            return collections.deque([inner(v) for v in items()], None if maxlen is None else _integer(maxlen))
        if tag == "R":
            return range(_integer(rest[0]), _integer(rest[1]), _integer(rest[2]))
        if tag == "P":
            return pathlib.PosixPath(_text(rest[0]))
        if tag in ("nda", "npv"):
            return _numpy(tag, rest)
        if tag == "NT":
            name, fields, values = _text(rest[0]), items(1), items(2)
            if not name.isidentifier() or not all(type(f) is str and f.isidentifier() and not f.startswith("_") for f in fields):
                raise WireError("bad namedtuple")
            if len(fields) != len(values) or len(fields) > 255 or len(set(fields)) != len(fields):
                raise WireError("bad namedtuple")
            key = (name, tuple(fields))
            if key not in _NAMEDTUPLES:
                _NAMEDTUPLES[key] = collections.namedtuple(name, fields)
            return _NAMEDTUPLES[key](*(inner(v) for v in values))
    except WireError:
        raise
    except (IndexError, TypeError, ValueError, ArithmeticError, OverflowError) as exc:
        raise WireError(f"bad {tag} value") from exc
    return reference(tag, rest)


def _numpy(tag, rest):
    import numpy

    dtype = _text(rest[0])
    if not NUMPY_DTYPE.match(dtype):
        raise WireError("numpy type refused")
    dtype = numpy.dtype(dtype)
    if dtype.kind not in NUMPY_KINDS or dtype.hasobject:
        raise WireError("numpy type refused")
    if tag == "npv":
        data = base64.b64decode(_text_any(rest[1]), validate=True)
        return numpy.frombuffer(data, dtype=dtype, count=1)[0].copy()
    shape = rest[1]
    if type(shape) is not list or len(shape) > 32 or not all(type(n) is int and 0 <= n < 2**31 for n in shape):
        raise WireError("bad shape")
    data = base64.b64decode(_text_any(rest[2]), validate=True)
    return numpy.frombuffer(data, dtype=dtype).reshape(shape).copy()


def _text_any(value):
    if type(value) is not str:
        raise WireError("text expected")
    return value


def _text(value):
    if type(value) is not str or len(value) > 10_000:
        raise WireError("text expected")
    return value


def _integer(value):
    if type(value) is not int:
        raise WireError("integer expected")
    return value
