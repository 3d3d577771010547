"""The learner's side of a Python grading: runs the learner's code for the tests, over a wire.

Started in its own sandbox, as its own uid, with the learner's files in /work: it cannot see the
test files, the tests' process or its descriptors. It answers requests from the tests' side
(import, getattr, setattr, call, operators) with values copied as data (tremplin_wire) and keeps
everything else here behind handles. Nothing here is trusted by the other side: the learner's
code can change all of it and gain nothing but the ability to answer the questions it is asked.

What the learner's code prints, its input() and sys.stdin reads, and test-side callables it is
given go to the tests' side, which owns them (pytest's capsys, monkeypatch of input, callbacks).
"""

import builtins
import importlib
import io
import operator
import os
import sys
import traceback

import tremplin_wire as wire

CHANNEL = None
OBJECTS = {}  # handle id -> object (kept alive: the run is short, one process per grading)
IDS = {}  # id(object) -> handle id
OUT_LIMIT = 1024 * 1024
TOO_LARGE = "valeur trop grande pour être transmise aux tests"
WORK = "/work"


def _handle_id(value):
    key = id(value)
    if key in IDS and OBJECTS.get(IDS[key]) is value:
        return IDS[key]
    handle = len(OBJECTS) + 1
    OBJECTS[handle] = value
    IDS[key] = handle
    return handle


def _class_path(cls):
    return [
        getattr(cls, "__module__", None) if type(getattr(cls, "__module__", None)) is str else "",
        getattr(cls, "__qualname__", "") if type(getattr(cls, "__qualname__", None)) is str else "",
    ]


def _reference(value):
    is_class = isinstance(value, type)
    if is_class and issubclass(value, BaseException):
        return ["EC", _handle_id(value), {"mro": [_class_path(c) for c in value.__mro__]}]
    cls = type(value)
    info = {"mro": [_class_path(c) for c in cls.__mro__], "callable": callable(value), "class": is_class}
    return ["H", _handle_id(value), info]


def to_wire(value):
    return wire.encode(value, _reference)


def _from_reference(tag, rest):
    if tag == "ref" and rest and type(rest[0]) is int and rest[0] in OBJECTS:
        return OBJECTS[rest[0]]
    if tag == "cb" and rest and type(rest[0]) is int:
        return _callback(rest[0])
    if tag == "it" and rest and type(rest[0]) is int:
        return _iterator(_callback(rest[0]))
    if tag == "bi" and rest and type(rest[0]) is str:
        return getattr(builtins, rest[0])
    if tag == "imp" and len(rest) == 2:
        target = importlib.import_module(rest[0])
        for part in rest[1].split("."):
            target = getattr(target, part)
        return target
    raise wire.WireError("unknown reference")


def from_wire(data):
    return wire.decode(data, _from_reference)


# ------------------------------------------------------------------ output, input, callbacks


class _Output(io.TextIOBase):
    """sys.stdout / sys.stderr: what the learner prints is sent with the next message."""

    def __init__(self, name):
        self.name, self.parts, self.size = name, [], 0

    def writable(self):
        return True

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self.size < OUT_LIMIT:
            self.parts.append(text[: OUT_LIMIT - self.size])
        else:
            # A flood: past what the tests can use, it goes to the sandbox's output, whose cap stops the run.
            os.write(1, text.encode("utf-8", "replace"))
        self.size += len(text)
        return len(text)

    def take(self):
        text, self.parts, self.size = "".join(self.parts), [], 0
        return text

    @property
    def encoding(self):
        return "utf-8"


STDOUT, STDERR = _Output("<stdout>"), _Output("<stderr>")


def _outputs():
    return {"out": STDOUT.take(), "err": STDERR.take()}


def _ask(message):
    """A request to the tests' side, during a call of theirs: returns its value or raises its error."""
    wire.send(CHANNEL, {**message, **_outputs()})
    reply = wire.receive(CHANNEL)
    while "op" in reply:
        # The tests' callable asks this side something before it returns (a callback reading the
        # learner's object it was given): answered now.
        try:
            nested = _answer(reply)
        except wire.ChannelClosed:
            raise
        except wire.WireError:
            raise
        except BaseException as exc:
            nested = _error_reply(exc)
        wire.send(CHANNEL, {**nested, **_outputs()})
        reply = wire.receive(CHANNEL)
    if "raise" in reply:
        raise _test_side_error(reply["raise"])
    return from_wire(reply.get("value"))


def _test_side_error(info):
    name = info.get("type") if isinstance(info, dict) else None
    cls = getattr(builtins, name, None) if isinstance(name, str) else None
    if not (isinstance(cls, type) and issubclass(cls, BaseException)):
        cls = Exception
    message = info.get("message", "") if isinstance(info, dict) else ""
    try:
        return cls(message) if message else cls()
    except Exception:
        return Exception(message)


def _callback(number):
    def callback(*args, **kwargs):
        return _ask(
            {
                "op": "callback",
                "cb": number,
                "args": [to_wire(a) for a in args],
                "kwargs": {k: to_wire(v) for k, v in kwargs.items()},
            }
        )

    callback.__name__ = callback.__qualname__ = f"test_side_callable_{number}"
    return callback


def _iterator(next_item):
    while True:
        try:
            item = next_item()
        except StopIteration:
            return
        yield item


def _input(*prompt):
    return _ask({"op": "input", "args": [to_wire(str(p)) for p in prompt[:1]]})


class _Stdin(io.TextIOBase):
    """sys.stdin: reads come from the tests' side (monkeypatched sys.stdin, or pytest's refusal)."""

    def readable(self):
        return True

    def read(self, size=-1):
        return _ask({"op": "stdin", "method": "read", "size": size if type(size) is int else -1})

    def readline(self, size=-1):
        return _ask({"op": "stdin", "method": "readline", "size": size if type(size) is int else -1})

    def readlines(self, hint=-1):
        return _ask({"op": "stdin", "method": "readlines", "size": hint if type(hint) is int else -1})

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    @property
    def encoding(self):
        return "utf-8"


# ------------------------------------------------------------------ requests


OPS = {
    name: getattr(operator, name)
    for name in (
        "eq",
        "ne",
        "lt",
        "le",
        "gt",
        "ge",
        "add",
        "sub",
        "mul",
        "truediv",
        "floordiv",
        "mod",
        "pow",
        "matmul",
        "and_",
        "or_",
        "xor",
        "lshift",
        "rshift",
        "neg",
        "pos",
        "abs",
        "invert",
        "contains",
        "getitem",
        "setitem",
        "delitem",
        "index",
        "iadd",
        "isub",
        "imul",
        "itruediv",
        "ifloordiv",
        "imod",
        "ior",
        "iand",
        "ixor",
    )
}
OPS.update(
    {
        "len": len,
        "iter": iter,
        "next": next,
        "hash": hash,
        "repr": repr,
        "str": str,
        "format": format,
        "bool": bool,
        "int": int,
        "float": float,
        "complex": complex,
        "round": round,
        "reversed": reversed,
        "dir": dir,
        "isinstance": isinstance,
        "issubclass": issubclass,
        "divmod": divmod,
        "getattr_or_none": lambda obj, name: getattr(obj, name, None),
        "enter": lambda obj: type(obj).__enter__(obj),
        "exit": lambda obj, *args: type(obj).__exit__(obj, *args),
    }
)
MUTABLE_TAGS = ("L", "D", "S", "BA", "Ctr", "OD", "DQ")


def _learner_frame(tb):
    """'file.py, ligne N' of the innermost frame in the learner's files, for the message."""
    where = ""
    for frame, line in traceback.walk_tb(tb):
        filename = frame.f_code.co_filename
        if filename.startswith(WORK + "/"):
            where = f"{filename.removeprefix(WORK + '/')}, ligne {line}"
    return where


def _error_reply(exc):
    args = []
    for arg in getattr(exc, "args", ())[:20]:
        try:
            args.append(to_wire(arg))
        except Exception:
            args.append(None)
    try:
        text = str(exc)
    except Exception:
        text = ""
    if type(text) is not str:
        text = ""
    cls = type(exc)
    return {
        "raise": {
            "handle": _handle_id(exc),
            "class": _handle_id(cls),
            "mro": [_class_path(c) for c in cls.__mro__],
            "args": args,
            "str": text[:5000],
            "where": _learner_frame(exc.__traceback__),
        },
    }


def _import(name):
    module = importlib.import_module(name)
    return {"value": to_wire(module)}


def _call(message):
    target = OBJECTS[message["h"]]
    raw_args, raw_kwargs = message.get("args", []), message.get("kwargs", {})
    if type(raw_args) is not list or type(raw_kwargs) is not dict:
        raise wire.WireError("bad call")
    args = [from_wire(a) for a in raw_args]
    kwargs = {str(k): from_wire(v) for k, v in raw_kwargs.items()}
    value = target(*args, **kwargs)
    after = {}
    for position, (raw, arg) in enumerate(zip(raw_args, args, strict=False)):
        if type(raw) is list and raw and raw[0] in MUTABLE_TAGS:
            after[str(position)] = to_wire(arg)
    for key, raw in raw_kwargs.items():
        if type(raw) is list and raw and raw[0] in MUTABLE_TAGS:
            after[key] = to_wire(kwargs[key])
    return {"value": to_wire(value), "after": after}


def _method(callback):
    def method(self, *args, **kwargs):
        return callback(self, *args, **kwargs)

    return method


def _subclass(message):
    """A subclass that a test defines of one of the learner's classes; its methods call the tests."""
    methods = set(message.get("methods", []))
    attrs = {}
    for key, raw in message.get("attrs", {}).items():
        value = from_wire(raw)
        attrs[str(key)] = _method(value) if key in methods else value
    bases = tuple(from_wire(base) for base in message.get("bases", []))
    return {"value": to_wire(type(str(message["name"]), bases, attrs))}


def _answer(message):
    op = message.get("op")
    cwd = message.get("cwd")
    if type(cwd) is str and cwd != os.getcwd():  # monkeypatch.chdir on the tests' side
        # Not contextlib.suppress: in this process every module is the learner's to patch.
        try:  # noqa: SIM105
            os.chdir(cwd)
        except OSError:
            pass
    if op == "attr_setitem":
        getattr(OBJECTS[message["h"]], str(message["name"]))[from_wire(message["key"])] = from_wire(
            message.get("value")
        )
        return {"value": None}
    if op == "attr_delitem":
        del getattr(OBJECTS[message["h"]], str(message["name"]))[from_wire(message["key"])]
        return {"value": None}
    if op == "import":
        return _import(str(message["name"]))
    if op == "reload":
        return {"value": to_wire(importlib.reload(OBJECTS[message["h"]]))}
    if op == "getattr":
        return {"value": to_wire(getattr(OBJECTS[message["h"]], str(message["name"])))}
    if op == "setattr":
        setattr(OBJECTS[message["h"]], str(message["name"]), from_wire(message.get("value")))
        return {"value": None}
    if op == "delattr":
        delattr(OBJECTS[message["h"]], str(message["name"]))
        return {"value": None}
    if op == "call":
        return _call(message)
    if op == "subclass":
        return _subclass(message)
    if op == "op":
        function = OPS[str(message["name"])]
        args = [from_wire(a) for a in message.get("args", [])]
        return {"value": to_wire(function(*args))}
    raise wire.WireError(f"unknown request {op!r}")


def serve(channel):
    global CHANNEL
    CHANNEL = channel
    sys.stdout, sys.stderr, sys.stdin = STDOUT, STDERR, _Stdin()
    builtins.input = _input
    while True:
        try:
            message = wire.receive(channel)
        except wire.ChannelClosed:
            return
        if message.get("op") == "bye":
            wire.send(channel, {"value": None, **_outputs()})
            return
        try:
            reply = _answer(message)
        except wire.ChannelClosed:
            return
        except wire.WireError:
            raise
        except BaseException as exc:  # the learner's error, whatever it is, goes to the tests
            reply = _error_reply(exc)
        try:
            wire.send(channel, {**reply, **_outputs()})
        except wire.WireError:
            wire.send(
                channel,
                {
                    "raise": {
                        "handle": 0,
                        "class": 0,
                        "mro": [["builtins", "ValueError"]],
                        "args": [TOO_LARGE],
                        "str": TOO_LARGE,
                        "where": "",
                    },
                    **_outputs(),
                },
            )


def main():
    channel = int(sys.argv[sys.argv.index("--channel-fd") + 1])
    os.set_inheritable(channel, False)
    sys.argv = [sys.argv[0]]
    global WORK
    WORK = os.getcwd()
    sys.path.insert(0, WORK)
    sys.setrecursionlimit(10_000)
    os.umask(0)  # the tests' side (another uid) reads and replaces what the learner's code writes
    serve(channel)
    os._exit(0)


if __name__ == "__main__":
    main()
