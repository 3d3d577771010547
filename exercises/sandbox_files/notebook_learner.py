"""The learner's side of a notebook grading: the learner's IPython shell, driven by the tests' side.

    python notebook_learner.py --channel-fd N

Started in its own sandbox, as its own uid (sandbox.start_pair), beside the tests' side
(notebook_tests.py), and reached over one socket. It makes its IPython shell at once (a worker
starts it ahead, before the next notebook is known; a spare left waiting also imports numpy, pandas
and matplotlib) and then answers the tests' side, one JSON message at a time (tremplin_wire framing):

    {"op": "cell", "source": s, "timeout": t} -> {"status": "ok|error|timeout", "outputs": [...],
                                                   "execution_count": n, "truncated": bool, "ename": ...}
    {"op": "ns_get" | "ns_set" | "ns_del", "name": ...}  the shell's names, by copy or as handles
    any request of tremplin_learner (call, getattr, operators…) on those handles
    {"op": "bye"}                                    the end

It only ever runs the learner's answers and the trainer's provided cells; the test cells, and their
hidden part, never come here. A cell, or a request, has the cell's time limit: past it the learner's
code is interrupted (KeyboardInterrupt); code that ignores that is ended with the process after 3 s
(the tests' side then runs no further cell). Nothing here is trusted by the tests' side: the
learner's code can change all of it and gain nothing but the ability to answer the questions it is
asked.
"""

import _thread
import argparse
import builtins
import os
import signal
import sys
import threading

import notebook_shell
import tremplin_learner as learner
import tremplin_wire as wire

GRACE_S = 3
IDLE_S = 1.0  # a spare waiting this long on an idle machine imports the usual libraries ahead
WARM_UP = ("numpy", "pandas", "matplotlib.pyplot")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--channel-fd", type=int, required=True)
    args = parser.parse_args()
    channel = args.channel_fd
    os.set_inheritable(channel, False)
    sys.argv = [""]
    notebook_shell.prepare_environment("learner")
    shell = notebook_shell.make_shell()
    sys.path.insert(0, "")  # as in a kernel: the notebook's folder (/work) first
    learner.CHANNEL, learner.WORK = channel, os.getcwd()
    sys.setrecursionlimit(10_000)
    if notebook_shell.idle_wait(channel, IDLE_S):
        _warm_up(shell)
    Learner(shell, channel).serve()
    os._exit(0)


def _warm_up(shell):
    """Import what most notebooks use, while nothing is waiting: the learner's cells then find them
    loaded. Nothing of any learner has run yet."""
    capture = notebook_shell.Capture()
    for name in WARM_UP:
        notebook_shell.run_cell(
            shell, f"import {name} as _tremplin_warm\ndel _tremplin_warm", capture, store_history=False
        )


class Watchdog:
    """The time limit of what runs now: KeyboardInterrupt at the limit; `stuck()` if that was ignored."""

    def __init__(self):
        self.lock = threading.Lock()
        self.timers, self.active, self.fired = [], False, False

    def arm(self, seconds, stuck):
        with self.lock:
            self.active, self.fired = True, False
            self.timers = [
                threading.Timer(seconds, self._interrupt),
                threading.Timer(seconds + GRACE_S, self._stuck, (stuck,)),
            ]
            for timer in self.timers:
                timer.daemon = True
                timer.start()

    def _interrupt(self):
        with self.lock:
            if self.active:
                self.fired = True
                _thread.interrupt_main()

    def _stuck(self, stuck):
        with self.lock:
            if self.active:
                stuck()

    def disarm(self):
        with self.lock:
            self.active = False
            for timer in self.timers:
                timer.cancel()
            return self.fired


def _no_input(*prompt):
    raise EOFError("input() : pas de saisie au clavier pendant la correction d'un notebook")


class Learner:
    def __init__(self, shell, channel):
        self.shell, self.channel = shell, channel
        self.budget = notebook_shell.Budget()
        self.watchdog = Watchdog()

    def serve(self):
        while True:
            try:
                message = wire.receive(self.channel)
                op = message.get("op")
                if op == "bye":
                    return
                reply = self.cell(message) if op == "cell" else self.request(message)
                self.send(reply)
            except (wire.ChannelClosed, wire.WireError, OSError):
                return
            except KeyboardInterrupt:  # an interruption that came as a cell or a request ended: too late
                continue

    def send(self, reply):
        try:
            wire.send(self.channel, reply)
        except wire.WireError:  # too large to cross
            if "status" in reply:
                wire.send(self.channel, {**reply, "outputs": [], "truncated": True})
            else:
                wire.send(
                    self.channel,
                    {
                        "raise": {
                            "handle": 0,
                            "class": 0,
                            "mro": [["builtins", "ValueError"]],
                            "args": [learner.TOO_LARGE],
                            "str": learner.TOO_LARGE,
                            "where": "",
                        },
                        **learner._outputs(),
                    },
                )

    def _stuck_cell(self):
        # The learner's code ignored the interruption: say so, and end (the tests' side runs no further cell).
        try:
            wire.send(
                self.channel,
                {"status": "timeout", "stuck": True, "outputs": [], "execution_count": None, "truncated": False},
            )
        finally:
            os._exit(0)

    def cell(self, message):
        source = message.get("source")
        timeout = message.get("timeout")
        timeout = timeout if type(timeout) is int and 0 < timeout <= 600 else 10
        if type(source) is not str:
            raise wire.WireError("a cell's source is text")
        capture = notebook_shell.Capture(self.budget)
        # Figures the learner's code drew when the tests called it are not this cell's (in a kernel
        # they would have been shown, or closed, in the test cell): closed, as after every cell.
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            # Not contextlib.suppress: in this process every module is the learner's to patch.
            try:  # noqa: SIM105
                pyplot.close("all")
            except Exception:  # noqa: BLE001 - the learner's own matplotlib
                pass
        saved_input = builtins.input
        builtins.input = _no_input
        try:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            self.watchdog.arm(timeout, self._stuck_cell)
            result = notebook_shell.run_cell(self.shell, source, capture)
        except KeyboardInterrupt:
            result = None
        finally:
            timed_out = self.watchdog.disarm()
            builtins.input = saved_input
        error = self.shell.last_error or {}
        if timed_out:
            # The interruption's KeyboardInterrupt is not the learner's error.
            capture.outputs = [o for o in capture.outputs if o["output_type"] != "error"]
            status, error = "timeout", {}
        elif result is None or result.error_before_exec is not None or result.error_in_exec is not None:
            status = "error"
        else:
            status = "ok"
        return {
            "status": status,
            "outputs": capture.outputs,
            "execution_count": self.shell.execution_count - 1,
            "truncated": capture.truncated,
            **error,
        }

    def request(self, message):
        """A request of the tests' side, during a test cell: the learner's prints go with the reply."""
        saved = sys.stdout, sys.stderr, sys.stdin, builtins.input
        sys.stdout, sys.stderr, sys.stdin = learner.STDOUT, learner.STDERR, learner._Stdin()
        builtins.input = learner._input
        remaining = message.get("remaining")
        try:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            if type(remaining) in (int, float) and remaining > 0:
                self.watchdog.arm(min(remaining, 600), lambda: os._exit(0))
            reply = self.answer(message)
        except (wire.ChannelClosed, wire.WireError):
            raise
        except BaseException as exc:  # the learner's error, whatever it is, goes to the tests
            reply = learner._error_reply(exc)
        finally:
            self.watchdog.disarm()
            sys.stdout, sys.stderr, sys.stdin, builtins.input = saved
        return {**reply, **learner._outputs()}

    def answer(self, message):
        op = message.get("op")
        namespace = self.shell.user_ns
        if op == "ns_get":
            name = str(message.get("name"))
            if name not in namespace:
                return {"missing": True}
            return {"value": learner.to_wire(namespace[name])}
        if op == "ns_set":
            namespace[str(message.get("name"))] = learner.from_wire(message.get("value"))
            return {"value": None}
        if op == "ns_del":
            name = str(message.get("name"))
            if name not in namespace:
                return {"value": False}
            del namespace[name]
            return {"value": True}
        return learner._answer(message)


if __name__ == "__main__":
    main()
