"""An IPython shell whose cells' outputs are recorded in nbformat's shape (both sides of a notebook grading).

The learner's side (notebook_learner.py) runs the answer cells in one, as a Jupyter kernel would:
streams, displays (matplotlib's inline figures, a table's HTML), the last value, errors with their
traceback. The tests' side (notebook_tests.py) runs the test cells in its own. Each side loads its
own copy of this module from the read-only runner folder; neither trusts the other's.
"""

import json
import os
import re
import select
import shutil
import sys
import tempfile

TEXT_LIMIT = 20_000  # characters of text output kept per cell
IMAGE_LIMIT = 1024 * 1024  # bytes of one display (an image in base64)
TOTAL_LIMIT = 5 * 1024 * 1024  # bytes of outputs kept for the whole notebook
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def idle_wait(fd, seconds):
    """Wait up to `seconds` for input on `fd`. True if none came and the machine's processors were
    mostly idle meanwhile: a spare may then import libraries ahead without slowing any grading."""
    before = _cpu_times()
    ready, _, _ = select.select([fd], [], [], seconds)
    after = _cpu_times()
    if ready or before is None or after is None or after[0] <= before[0]:
        return False
    return (after[1] - before[1]) / (after[0] - before[0]) > 0.6


def _cpu_times():
    """(all, idle) jiffies of the machine (/proc/stat is not namespaced), or None."""
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            values = [int(v) for v in handle.readline().split()[1:]]
        return sum(values), values[3] + values[4]
    except (OSError, ValueError, IndexError):
        return None


def prepare_environment(side):
    """Each side's own folders in the shared /tmp. matplotlib's font cache, built when the sandbox's
    environment was installed, is copied there rather than rebuilt (seconds) at every run."""
    base = os.path.join(tempfile.gettempdir(), f"tremplin-{side}")
    os.makedirs(os.path.join(base, "ipython"), exist_ok=True)
    cache = os.path.join(sys.prefix, "mplconfig")
    if os.path.isdir(cache):
        shutil.copytree(cache, os.path.join(base, "matplotlib"), dirs_exist_ok=True)
    os.environ.update(
        {
            "IPYTHONDIR": os.path.join(base, "ipython"),
            "MPLCONFIGDIR": os.path.join(base, "matplotlib"),
            # Figures are shown as a kernel shows them (PNG after each cell) on the learner's side only.
            "MPLBACKEND": "module://matplotlib_inline.backend_inline" if side == "learner" else "Agg",
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MALLOC_ARENA_MAX": "2",
        }
    )


class Budget:
    """What a whole notebook's outputs may keep (TOTAL_LIMIT)."""

    def __init__(self):
        self.total = 0


class Capture:
    """A cell's outputs: streams (merged, capped per cell), displays, its last value, its error."""

    def __init__(self, budget=None):
        self.outputs, self.text, self.truncated = [], 0, False
        self.budget = budget or Budget()

    def stream(self, name, text):
        room = max(0, min(TEXT_LIMIT - self.text, TOTAL_LIMIT - self.budget.total))
        if len(text) > room:
            text, self.truncated = text[:room], True
        if not text:
            return
        self.text += len(text)
        self.budget.total += len(text)
        last = self.outputs[-1] if self.outputs else None
        if last and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.outputs.append({"output_type": "stream", "name": name, "text": text})

    def add(self, output):
        try:
            size = len(json.dumps(output, ensure_ascii=False))
        except (TypeError, ValueError):
            self.truncated = True
            return
        if size > IMAGE_LIMIT or self.budget.total + size > TOTAL_LIMIT:
            self.truncated = True
            return
        self.budget.total += size
        self.outputs.append(output)

    def stderr(self):
        return "".join(o["text"] for o in self.outputs if o["output_type"] == "stream" and o["name"] == "stderr")


CURRENT = None  # the Capture of the cell running


class _Stream:
    def __init__(self, name):
        self.name = name

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if CURRENT is not None:
            CURRENT.stream(self.name, text)
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        raise OSError("no file descriptor")

    @property
    def encoding(self):
        return "utf-8"


def _make_shell_class():
    import IPython.core.displayhook
    import IPython.core.displaypub
    from IPython.core.interactiveshell import InteractiveShell

    class DisplayHook(IPython.core.displayhook.DisplayHook):
        """The cell's last value, as an execute_result (nbgrader's partial credit reads it)."""

        def start_displayhook(self):
            pass

        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            if CURRENT is not None:
                CURRENT.add(
                    {
                        "output_type": "execute_result",
                        "data": format_dict,
                        "metadata": md_dict or {},
                        "execution_count": self.prompt_count,
                    }
                )

        def finish_displayhook(self):
            pass

    class DisplayPublisher(IPython.core.displaypub.DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
            if CURRENT is not None:
                CURRENT.add({"output_type": "display_data", "data": data, "metadata": metadata or {}})

        def clear_output(self, wait=False):
            if CURRENT is not None:
                CURRENT.outputs.clear()

    class RecordingShell(InteractiveShell):
        displayhook_class = DisplayHook
        display_pub_class = DisplayPublisher
        last_error = None

        def _showtraceback(self, etype, evalue, stb):
            text = [ANSI.sub("", line) for line in stb]
            try:
                value = str(evalue)
            except Exception:  # noqa: BLE001 - a message that cannot be read is left out
                value = ""
            name = getattr(etype, "__name__", "Error")
            self.last_error = {
                "ename": name[:200] if isinstance(name, str) else "Error",
                "evalue": value[:2000],
                "traceback": text[-6:],
            }
            if CURRENT is not None:
                CURRENT.add({"output_type": "error", **self.last_error, "traceback": text[-40:]})

    return RecordingShell


def make_shell(user_ns=None, *, history=True):
    """A shell recording its cells' outputs. `history`: In/Out and `_` as in a kernel (the learner's
    side); the tests' side keeps none."""
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False  # no SQLite file: In/Out stay in memory
    config.InteractiveShell.colors = "nocolor"
    config.InteractiveShell.xmode = "Context"
    if not history:
        config.InteractiveShell.cache_size = 0
    return _make_shell_class().instance(config=config, user_ns=user_ns)


def run_cell(shell, source, capture, *, store_history=True):
    """Run one cell with its outputs recorded in `capture`; the ExecutionResult, or None if interrupted
    outside the cell's own code."""
    global CURRENT
    saved = sys.stdout, sys.stderr
    CURRENT = capture
    sys.stdout, sys.stderr = _Stream("stdout"), _Stream("stderr")
    shell.last_error = None
    try:
        return shell.run_cell(source, store_history=store_history, silent=False)
    except KeyboardInterrupt:
        return None
    finally:
        sys.stdout, sys.stderr = saved
        CURRENT = None
