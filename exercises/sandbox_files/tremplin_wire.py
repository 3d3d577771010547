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
    ["nda", dtype, shape, base64] numpy array of numbers, booleans or dates (raw bytes, never pickle)
    ["pdF", [names], [columns], index] / ["pdS", name, column, index] / ["pdI", column, name] pandas
        DataFrame, Series, Index; a column is ["col", dtype, numpy array or plain values]

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
BIG = 2**53
# Integers beyond 2**53 cross as hex text, up to this many digits (80,000 bits): an arithmetic on
# larger ones (a Fraction's gcd, made when it is read) could hold the reading side for minutes.
MAX_HEX_DIGITS = 20_000
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
        if -BIG < value < BIG:
            return value
        if value.bit_length() > MAX_HEX_DIGITS * 4:
            return other(value)
        return ["I", hex(value)]
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
        if (
            issubclass(kind, numpy.generic)
            and kind.__dict__.get("__module__", "numpy") == "numpy"
            and value.dtype.kind in NUMPY_KINDS
        ):
            return ["npv", value.dtype.str, base64.b64encode(value.tobytes()).decode("ascii")]
    pandas = sys.modules.get("pandas")
    if pandas is not None and kind.__module__.startswith("pandas"):
        encoded = _pandas(value, kind, pandas, inner)
        if encoded is not None:
            return encoded
    if _is_namedtuple(value):
        fields = list(type(value)._fields)
        return ["NT", type(value).__name__, fields, [inner(v) for v in tuple.__iter__(value)]]
    return other(value)


# pandas columns cross as raw numpy bytes (numbers, booleans, dates) or as lists of plain values
# (text, mixed); anything else (objects, time zones, several index levels) leaves the whole table
# where it is, behind a handle.
PANDAS_DTYPES = {"object", "str", "string", "bool", "category"}
MAX_ROWS = 1_000_000


def _pandas(value, kind, pandas, inner):
    try:
        if kind is pandas.DataFrame:
            if isinstance(value.columns, pandas.MultiIndex) or len(value) > MAX_ROWS:
                return None
            columns = [_pandas_column(value.iloc[:, i], pandas, inner) for i in range(value.shape[1])]
            index = _pandas_index(value.index, pandas, inner)
            if None in columns or index is None:
                return None
            return ["pdF", [inner(name) for name in value.columns], columns, index]
        if kind is pandas.Series:
            column, index = _pandas_column(value, pandas, inner), _pandas_index(value.index, pandas, inner)
            if column is None or index is None or len(value) > MAX_ROWS:
                return None
            return ["pdS", inner(value.name), column, index]
        if kind is pandas.Index or kind is pandas.RangeIndex:
            return _pandas_index(value, pandas, inner)
    except (TypeError, ValueError, AttributeError):
        return None
    return None


def _pandas_index(index, pandas, inner):
    if type(index) is pandas.RangeIndex:
        return ["pdR", index.start, index.stop, index.step, inner(index.name)]
    if type(index) is not pandas.Index:
        return None
    column = _pandas_column(index, pandas, inner)
    return None if column is None else ["pdI", column, inner(index.name)]


def _pandas_column(column, pandas, inner):
    dtype = column.dtype
    numpy_dtype = getattr(dtype, "kind", "") in NUMPY_KINDS and type(dtype).__module__.split(".")[0] == "numpy"
    if numpy_dtype:
        array = column.to_numpy()
        return [
            "col",
            dtype.str,
            ["nda", array.dtype.str, list(array.shape), base64.b64encode(array.tobytes()).decode("ascii")],
        ]
    name = str(dtype)
    if name == "category":
        categories = _pandas_index(pandas.Index(dtype.categories), pandas, inner)
        codes = column.cat.codes.to_numpy() if hasattr(column, "cat") else column.codes
        if categories is None:
            return None
        return ["col", "category", [categories, inner(codes), bool(dtype.ordered)]]
    if name not in PANDAS_DTYPES:
        return None
    values = []
    for item in column.tolist():
        if not (item is None or type(item) in (str, int, float, bool)):
            return None
        values.append(inner(item))
    return ["col", name, ["L", values]]


_CONTAINERS = {
    list,
    tuple,
    dict,
    set,
    frozenset,
    collections.Counter,
    collections.OrderedDict,
    collections.defaultdict,
    collections.deque,
}


def _is_namedtuple(value):
    kind = type(value)
    fields = kind.__dict__.get("_fields") if isinstance(value, tuple) else None
    return (
        isinstance(fields, tuple)
        and kind.__bases__ == (tuple,)
        and all(type(f) is str and f.isidentifier() for f in fields)
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
            if type(rest[0]) is not str or len(rest[0]) > MAX_HEX_DIGITS + 3:
                raise WireError("integer too large")
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
        if tag in ("pdF", "pdS", "pdI", "pdR"):
            return _from_pandas(tag, rest, inner)
        if tag == "NT":
            name, fields, values = _text(rest[0]), items(1), items(2)
            if not name.isidentifier() or not all(
                type(f) is str and f.isidentifier() and not f.startswith("_") for f in fields
            ):
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


def _from_pandas(tag, rest, inner):
    import numpy
    import pandas

    def column(data):
        if type(data) is not list or len(data) != 3 or data[0] != "col":
            raise WireError("bad pandas column")
        dtype, values = _text(data[1]), data[2]
        if dtype == "category":
            if type(values) is not list or len(values) != 3:
                raise WireError("bad pandas column")
            categories, codes = index(values[0]), inner(values[1])
            if not isinstance(codes, numpy.ndarray) or codes.dtype.kind != "i":
                raise WireError("bad pandas column")
            return pandas.Categorical.from_codes(codes, categories=categories, ordered=values[2] is True)
        items = inner(values)
        if dtype in PANDAS_DTYPES:
            if type(items) is not list:
                raise WireError("bad pandas column")
            if dtype == "object":
                array = numpy.empty(len(items), dtype=object)
                array[:] = items
                return array
            return pandas.array(items, dtype=dtype)
        if not NUMPY_DTYPE.match(dtype) or not isinstance(items, numpy.ndarray) or items.ndim != 1:
            raise WireError("bad pandas column")
        return items.astype(numpy.dtype(dtype), copy=False)

    def index(data):
        if type(data) is list and data and data[0] == "pdR" and len(data) == 5:
            return pandas.RangeIndex(_integer(data[1]), _integer(data[2]), _integer(data[3]), name=inner(data[4]))
        if type(data) is list and data and data[0] == "pdI" and len(data) == 3:
            return pandas.Index(column(data[1]), name=inner(data[2]))
        raise WireError("bad pandas index")

    if tag == "pdR":
        return index(["pdR", *rest])
    if tag == "pdI":
        return index(["pdI", *rest])
    if tag == "pdS":
        values, labels = column(rest[1]), index(rest[2])
        if len(values) != len(labels):
            raise WireError("bad pandas series")
        return pandas.Series(values, index=labels, name=inner(rest[0]), copy=False)
    names, columns, labels = [inner(name) for name in rest[0]], [column(c) for c in rest[1]], index(rest[2])
    if len(names) != len(columns) or any(len(c) != len(labels) for c in columns):
        raise WireError("bad pandas table")
    frame = pandas.DataFrame({position: values for position, values in enumerate(columns)}, index=labels, copy=False)
    frame.columns = pandas.Index(names) if names else frame.columns
    return frame


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
