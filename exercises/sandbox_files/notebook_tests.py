"""The tests' side of a notebook grading: the test cells run here, never in the learner's kernel.

    python notebook_tests.py --channel-fd N [--input FILE --report-fd R --nonce-fd M]

Started in its own sandbox, as its own uid, beside the learner's side (notebook_learner.py, which
holds the learner's IPython shell, « the kernel » below), reached over one socket. Started ahead
(sandbox.start_pair), it makes its shell (and, on an idle machine, imports numpy and pandas) while
the worker waits, then reads its input on stdin: the cells to run in order, each
{"index", "kind": "answer|teacher|test", "source", "hidden"}, the exercise's data files, the cell
time limit and its report descriptors. Then, cell by cell:

- an answer cell runs in the learner's kernel (asked over the channel); its outputs come back;
- a cell of the trainer (provided code, imports) runs in the kernel too, then here: names it
  binds to modules, functions or classes stay here whatever the learner's code defines
  (an answer defining `assert_equal` changes nothing);
- a test cell runs here, in an IPython shell whose namespace reads the other names from the
  kernel when the cell uses them: plain data by copy (tremplin_wire: numbers, text, containers,
  numpy arrays, pandas tables), the learner's functions and objects as handles (tremplin_proxy).
  Its top-level assignments and `del` apply in the kernel too. Its hidden part (never sent to the
  learner's side) runs after it, its outputs are not kept.

Builtins are this side's: a learner's `isinstance = lambda *a: True` does not reach the tests.
Records, one JSON object per line on the report descriptor, each with the nonce:

    {"event": "start"}
    {"event": "cell", "index": i, "status": "ok|error|timeout|dead|skipped", "ename": ..., "evalue": ...,
     "traceback": [...], "hidden": "ok|error|timeout|dead|skipped"|null, "hidden_error": "…",
     "outputs": [...], "execution_count": n, "truncated": bool, "ms": n}
    {"event": "end", "total_ms": ...}
"""

import _thread
import argparse
import builtins
import contextlib
import json
import os
import re
import select
import socket
import sys
import threading
import time
import types
from pathlib import Path, PurePosixPath

import notebook_shell
import tremplin_proxy as proxy
import tremplin_wire as wire

GRACE_S = 3  # after a cell's time is up: how long the learner's side has to report its interruption
IDLE_S = 1.0  # a spare waiting longer than this (no queue) imports numpy and pandas ahead
# IPython's own names in a namespace: never read from the kernel nor written there.
RESERVED = re.compile(
    r"^(_|__|___|_i|_ii|_iii|_i\d+|_\d+|_oh|_dh|_ih|_exit_code|In|Out|get_ipython|exit|quit|__\w+__)$"
)
PINNED_TYPES = (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, type)


def _read_input():
    """The input on stdin. A spare that waits on an idle machine imports numpy and pandas meanwhile:
    most notebooks use them. Under load, a notebook that does not need them does not pay for them
    (about 0.5 s of CPU)."""
    if notebook_shell.idle_wait(sys.stdin.buffer.fileno(), IDLE_S):
        for name in ("numpy", "pandas"):
            with contextlib.suppress(ImportError):
                __import__(name)
    return json.loads(sys.stdin.buffer.read().decode("utf-8"))


# ------------------------------------------------------------------ the namespace


class KernelNamespace(dict):
    """The test cells' namespace: the learner's names are read from the kernel when a cell uses them.

    In a test cell, a name is this side's own when a trainer's cell or a test cell bound it to a
    module, a function or a class, or to a value that cannot cross; a builtin name is always this
    side's; any other name is read from the kernel (by copy, or as a handle), then from here.
    Reads are cached until the next request that may run the learner's code. A trainer's cell,
    run here after the kernel, reads this side's values first."""

    def __init__(self):
        super().__init__()
        self.mode = None  # "teacher", "test", or None (IPython itself)
        self.own = set()
        self.cache, self.cache_at = {}, -1

    def __getitem__(self, name):
        if self.mode is None or name in self.own or RESERVED.match(name):
            return dict.__getitem__(self, name)
        if self.mode == "teacher" and dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        if not dict.__contains__(self, name) and hasattr(builtins, name):
            raise KeyError(name)  # builtins stay this side's
        found, value = self._fetch(name)
        if found:
            return value
        return dict.__getitem__(self, name)

    def _fetch(self, name):
        if proxy._CHANNEL is None:
            return False, None
        if self.cache_at != proxy.REQUESTS:
            self.cache.clear()
        if name not in self.cache:
            reply = proxy._request({"op": "ns_get", "name": name})
            self.cache[name] = (False, None) if reply.get("missing") else (True, proxy._value(reply))
            self.cache_at = proxy.REQUESTS
        return self.cache[name]

    def __setitem__(self, name, value):
        dict.__setitem__(self, name, value)
        self.cache.pop(name, None)
        if self.mode is None or RESERVED.match(name):
            return
        if (
            isinstance(value, PINNED_TYPES)
            and not isinstance(value, proxy.Handle)
            or (callable(value) and not isinstance(value, proxy.Handle))
        ):
            self.own.add(name)
            return
        self.own.discard(name)
        if self.mode != "test":
            return
        try:
            data = wire.encode(value, _data_only)
        except proxy.CannotCross:
            self.own.add(name)  # a value of the tests only (a test's object): read here
            return
        proxy._request({"op": "ns_set", "name": name, "value": data})

    def __delitem__(self, name):
        here = dict.__contains__(self, name)
        if here:
            dict.__delitem__(self, name)
        self.own.discard(name)
        self.cache.pop(name, None)
        there = False
        if self.mode == "test" and not RESERVED.match(name) and proxy._CHANNEL is not None:
            there = proxy._value(proxy._request({"op": "ns_del", "name": name})) is True
        if not here and not there:
            raise KeyError(name)


def _data_only(value):
    """What a test cell binds goes to the kernel as data or as the kernel's own object, never as a
    reference to this side (the kernel could then call the tests whenever it likes)."""
    if isinstance(value, proxy.Handle):
        return ["ref", object.__getattribute__(value, "_tid")]
    raise proxy.CannotCross(type(value).__name__)


# ------------------------------------------------------------------ running


def make_shell():
    """The tests' IPython shell and its namespace (made ahead, before the input arrives)."""
    namespace = KernelNamespace()
    return notebook_shell.make_shell(namespace, history=False), namespace


class Runner:
    def __init__(self, shell, namespace, channel, emit, cell_timeout):
        self.channel, self.emit, self.cell_timeout = channel, emit, cell_timeout
        self.shell, self.namespace = shell, namespace
        self.cells, self.position = [], 0
        self.lock = threading.Lock()  # a cell's end and its timers
        self.budget = notebook_shell.Budget()
        self.count = 0
        self.stop_reason, self.stopped_at, self.timeouts_in_a_row = None, None, 0
        self.kernel_lost = False

    def kernel_cell(self, source):
        """Run a cell on the learner's side: (status, outputs, truncated, error). A learner's side that
        neither answers nor reports its interruption in time is left behind."""
        deadline = time.monotonic() + self.cell_timeout + 2 * GRACE_S
        try:
            wire.send(self.channel, {"op": "cell", "source": source, "timeout": self.cell_timeout})
            while True:
                ready, _, _ = select.select([self.channel], [], [], max(0.0, deadline - time.monotonic()))
                if not ready:
                    self.kernel_lost = True
                    self._leave_learner()
                    return "timeout", [], False, {}
                reply = wire.receive(self.channel)
                if "op" not in reply:
                    break
                proxy._serve(reply)  # its code asked the tests something (input()): refused there
        except (wire.ChannelClosed, OSError):
            self._leave_learner()
            return "dead", [], False, {}
        if reply.get("stuck"):
            self.kernel_lost = True
        status = reply.get("status") if reply.get("status") in ("ok", "error", "timeout") else "dead"
        outputs = (
            [o for o in reply.get("outputs", []) if isinstance(o, dict)]
            if isinstance(reply.get("outputs"), list)
            else []
        )
        error = {key: str(reply.get(key, ""))[:2000] for key in ("ename", "evalue") if key in reply}
        if isinstance(reply.get("traceback"), list):
            error["traceback"] = [str(line)[:5000] for line in reply["traceback"][-6:]]
        return status, outputs, reply.get("truncated") is True, error

    def _leave_learner(self):
        proxy._CHANNEL, proxy._GONE = None, True

    def here(self, source, mode):
        """Run `source` in this side's shell; (status, capture, error). Requests to the learner's side
        carry the time left, after which it interrupts the learner's code."""
        capture = notebook_shell.Capture(self.budget)
        fired, kernel_lost = threading.Event(), threading.Event()
        running = [True]  # cleared under the lock when the cell is over: no late interruption then

        def time_up():
            fired.set()

        def give_up():
            # The learner's side did not report the interruption, or the cell itself runs on: the
            # learner's side is left behind (the cells after are not run) and the cell is stopped.
            with self.lock:
                if not running[0]:
                    return
                kernel_lost.set()
                if proxy._CHANNEL is not None:
                    with contextlib.suppress(OSError):
                        socket.socket(fileno=os.dup(proxy._CHANNEL)).shutdown(socket.SHUT_RDWR)
                _thread.interrupt_main()

        def abandon():
            # The cell ignores even that (C code holding the interpreter): report what is known and end.
            with self.lock:
                if running[0]:
                    self.abandon()

        timers = [
            threading.Timer(self.cell_timeout, time_up),
            threading.Timer(self.cell_timeout + GRACE_S + 1, give_up),
            threading.Timer(self.cell_timeout + 2 * GRACE_S + 2, abandon),
        ]
        self.namespace.mode = mode
        proxy.DEADLINE = time.monotonic() + self.cell_timeout
        result = None
        try:
            for timer in timers:
                timer.daemon = True
                timer.start()
            result = notebook_shell.run_cell(self.shell, source, capture, store_history=False)
        except KeyboardInterrupt:
            pass
        finally:
            try:
                with self.lock:
                    running[0] = False
                    for timer in timers:
                        timer.cancel()
            except KeyboardInterrupt:  # raised just as the cell ended: it is over anyway
                pass
            self.namespace.mode = None
            proxy.DEADLINE = None
        if fired.is_set():
            status = "timeout"
        elif proxy._GONE:
            status = "dead"
        elif result is None or result.error_before_exec is not None or result.error_in_exec is not None:
            status = "error"
        else:
            status = "ok"
        self.kernel_lost = self.kernel_lost or kernel_lost.is_set()
        return status, capture, self.shell.last_error or {}

    def abandon(self):
        """End the run now: the cell running timed out, the cells after it are not run."""
        for position, cell in enumerate(self.cells[self.position :]):
            self.emit(
                event="cell",
                index=cell["index"],
                status="timeout" if position == 0 else "skipped",
                reason="timeout",
                at=self.cells[self.position]["index"],
                hidden="skipped" if cell.get("hidden") else None,
                outputs=[],
                execution_count=None,
                truncated=False,
            )
        self.emit(event="end", total_ms=None)
        os._exit(0)

    def run(self, cells):
        self.cells = cells
        for position, cell in enumerate(cells):
            self.position = position
            index, kind, source, hidden = cell["index"], cell["kind"], cell["source"], cell.get("hidden")
            if self.stop_reason:
                self.emit(
                    event="cell",
                    index=index,
                    status="skipped",
                    reason=self.stop_reason,
                    at=self.stopped_at,
                    hidden="skipped" if hidden else None,
                    outputs=[],
                    execution_count=None,
                    truncated=False,
                )
                continue
            self.count += 1
            began = time.monotonic()
            hidden_status, hidden_error, error = None, None, {}
            if kind in ("answer", "teacher"):
                status, outputs, truncated, error = self.kernel_cell(source)
                if status in ("ok", "error") and kind == "teacher":
                    self.here(source, "teacher")  # its imports and helpers, for the tests (outputs not kept)
                if kind == "answer" and cell.get("imports"):
                    self.here(cell["imports"], "teacher")  # the trainer's answer's imports: this side's own modules
            else:
                status, capture, error = self.here(source, "test")
                outputs, truncated = capture.outputs, capture.truncated
                if hidden is not None:
                    if status == "ok":
                        # Its outputs are not kept (the learner never sees them), but stderr still scores 0 (nbgrader).
                        hidden_status, hidden_capture, hidden_info = self.here(hidden, "test")
                        if hidden_status in ("dead", "timeout"):
                            status = hidden_status
                        if hidden_info:
                            hidden_error = f"{hidden_info.get('ename', '')}: {hidden_info.get('evalue', '')}"[:2000]
                        stderr = hidden_capture.stderr()
                        if hidden_status == "ok" and stderr.strip():
                            hidden_status, hidden_error = "error", ("stderr: " + stderr.strip())[:2000]
                    else:
                        hidden_status = "skipped"
            self.timeouts_in_a_row = self.timeouts_in_a_row + 1 if status == "timeout" else 0
            if self.kernel_lost or self.timeouts_in_a_row >= 2:
                self.stop_reason, self.stopped_at = "timeout", index  # the interruption did not bring the kernel back
            elif status == "dead" or proxy._GONE:
                self.stop_reason, self.stopped_at = "dead", index
            for output in outputs:
                if output.get("output_type") == "execute_result":
                    output["execution_count"] = self.count
            self.emit(
                event="cell",
                index=index,
                status=status,
                hidden=hidden_status,
                hidden_error=hidden_error,
                outputs=outputs,
                execution_count=self.count,
                truncated=truncated,
                ms=round((time.monotonic() - began) * 1000),
                **error,
            )


def _write(root, files, mode):
    for name, content in files.items():
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            continue
        target = Path(root, *relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        target.chmod(mode)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--channel-fd", type=int, required=True)
    parser.add_argument("--input")
    parser.add_argument("--report-fd", type=int)
    parser.add_argument("--nonce-fd", type=int)
    args = parser.parse_args()
    channel = args.channel_fd
    os.set_inheritable(channel, False)
    notebook_shell.prepare_environment("tests")
    shell, namespace = make_shell()
    if args.input:
        with open(args.input, encoding="utf-8") as handle:
            payload = json.load(handle)
    else:
        payload = _read_input()
    report_fd, nonce_fd = args.report_fd or payload["report_fd"], args.nonce_fd or payload["nonce_fd"]
    nonce = os.read(nonce_fd, 128).decode()
    os.close(nonce_fd)
    report = os.fdopen(report_fd, "w", buffering=1, encoding="utf-8")
    os.set_inheritable(report_fd, False)

    emitting = threading.Lock()

    def emit(**record):
        record["nonce"] = nonce
        line = json.dumps(record, ensure_ascii=False, default=str) + "\n"
        with emitting:
            report.write(line)
            report.flush()

    started = time.monotonic()
    os.umask(0o022)
    _write(os.getcwd(), payload.get("files", {}), 0o644)
    proxy._CHANNEL = channel
    emit(event="start")
    runner = Runner(shell, namespace, channel, emit, int(payload.get("cell_timeout", 10)))
    # If the learner's side is gone, the cells not reported are « not run ».
    with contextlib.suppress(wire.ChannelClosed, wire.WireError):
        runner.run(payload["cells"])
    emit(event="end", total_ms=round((time.monotonic() - started) * 1000))
    with contextlib.suppress(Exception):
        wire.send(channel, {"op": "bye"})
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
