"""The learner's kernel answers the tests' side of a notebook grading (notebook_tests.py).

Loaded into the learner's Jupyter kernel by notebook_learner.py before any cell of the learner
runs. It listens on a Unix socket in the shared /tmp; the tests' side connects once. Requests are
answered on the kernel's own thread, from its event loop, between cells: the names of the
learner's namespace by copy (tremplin_wire: plain data, numpy arrays, pandas tables) or as
handles, and every request of tremplin_learner (calls, attributes, operators) on those handles.
What the learner's code prints meanwhile goes to the tests' side with the reply (that test cell's
output); an interruption (the test cell's time limit) stops the learner's code with
KeyboardInterrupt.

Nothing here is trusted by the tests' side: the learner's code can change all of it and gain
nothing but the ability to answer the questions it is asked.
"""

import asyncio
import builtins
import os
import signal
import socket
import sys

import tremplin_learner as learner
import tremplin_wire as wire

_KEEP = []


def start(path, shell):
    """Listen on `path`; the first connection is the tests' side's."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o777)  # the tests' side runs as another uid
    listener.listen(1)
    loop = asyncio.get_running_loop()
    _KEEP.append(listener)

    def accept():
        connection, _address = listener.accept()
        loop.remove_reader(listener.fileno())
        listener.close()
        _KEEP.append(connection)
        learner.CHANNEL = connection.fileno()
        loop.add_reader(connection.fileno(), _serve_one, connection.fileno(), shell, loop)

    loop.add_reader(listener.fileno(), accept)


def _answer(message, shell):
    op = message.get("op")
    namespace = shell.user_ns
    if op == "ns_get":
        name = str(message.get("name"))
        if name not in namespace:
            return {"missing": True}
        return {"value": learner.to_wire(namespace[name])}
    if op == "ns_set":
        namespace[str(message.get("name"))] = learner.from_wire(message.get("value"))
        return {"value": None}
    if op == "ns_del":
        return {"value": namespace.pop(str(message.get("name")), None) is not None}
    return learner._answer(message)


def _serve_one(fd, shell, loop):
    try:
        message = wire.receive(fd)
    except (wire.ChannelClosed, wire.WireError, OSError):
        loop.remove_reader(fd)
        return
    saved = sys.stdout, sys.stderr, sys.stdin, builtins.input, signal.getsignal(signal.SIGINT)
    sys.stdout, sys.stderr, sys.stdin = learner.STDOUT, learner.STDERR, learner._Stdin()
    builtins.input = learner._input
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # the test cell's time limit interrupts
        reply = _answer(message, shell)
    except (wire.ChannelClosed, wire.WireError):
        loop.remove_reader(fd)
        return
    except BaseException as exc:  # the learner's error, whatever it is, goes to the tests
        reply = learner._error_reply(exc)
    finally:
        try:
            signal.signal(signal.SIGINT, saved[4] if saved[4] is not None else signal.SIG_IGN)
        except (TypeError, ValueError):
            pass
        sys.stdout, sys.stderr, sys.stdin, builtins.input = saved[:4]
    try:
        wire.send(fd, {**reply, **learner._outputs()})
    except wire.ChannelClosed:
        loop.remove_reader(fd)
    except wire.WireError:
        wire.send(fd, {"raise": {"handle": 0, "class": 0, "mro": [["builtins", "ValueError"]], "args": [learner.TOO_LARGE],
                                 "str": learner.TOO_LARGE, "where": ""},
                       **learner._outputs()})
