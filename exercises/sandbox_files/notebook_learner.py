"""The learner's side of a notebook grading: the learner's kernel, driven cell by cell by the tests' side.

    python notebook_learner.py --channel-fd N

Started in its own sandbox, as its own uid (sandbox.start_pair): it starts a Jupyter kernel with
nbclient at once (a worker starts it ahead, before the next notebook is known) and loads
tremplin_kernel into it, before any learner's code runs, so that the tests' side can read the
kernel's names. Then it answers the tests' side (notebook_tests.py) on the channel, one JSON
message at a time (tremplin_wire framing):

    {"op": "hello"}                          -> {"socket": path of the kernel's server, "kernel_ms": n}
    {"op": "cell", "source": s, "timeout": t} -> {"status": "ok|error|timeout|dead", "outputs": [...],
                                                  "execution_count": n, "truncated": bool, "ename": ...}
    {"op": "interrupt"}                      -> (no reply) interrupts the kernel: a test cell's time is up
    {"op": "bye"}                            -> the end

It only ever runs the learner's answers and the trainer's provided cells: the test cells, and
their hidden part, never come here. Nothing here is trusted by the tests' side.
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import sys
import tempfile
import time

import tremplin_wire as wire

TEXT_LIMIT = 20_000  # characters of text output kept per cell
IMAGE_LIMIT = 1024 * 1024  # bytes of one image (base64)
TOTAL_LIMIT = 5 * 1024 * 1024  # bytes of outputs kept for the whole notebook
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
RUNNER = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--channel-fd", type=int, required=True)
    args = parser.parse_args()
    os.set_inheritable(args.channel_fd, False)
    prepare_environment("learner")
    asyncio.run(_run(args.channel_fd))


def prepare_environment(side):
    """Each side's own folders in the shared /tmp. matplotlib's font cache, built when the sandbox's
    environment was installed, is copied there rather than rebuilt (seconds) at every run."""
    base = os.path.join(tempfile.gettempdir(), f"tremplin-{side}")
    for name in ("jupyter-runtime", "ipython"):
        os.makedirs(os.path.join(base, name), exist_ok=True)
    cache = os.path.join(sys.prefix, "mplconfig")
    if os.path.isdir(cache):
        shutil.copytree(cache, os.path.join(base, "matplotlib"), dirs_exist_ok=True)
    os.environ.update({
        "JUPYTER_RUNTIME_DIR": os.path.join(base, "jupyter-runtime"), "JUPYTER_PLATFORM_DIRS": "1",
        "IPYTHONDIR": os.path.join(base, "ipython"), "MPLCONFIGDIR": os.path.join(base, "matplotlib"),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline" if side == "learner" else "Agg",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2",
        # The kernel inherits this environment: kernel_site shadows debugpy (see its __init__).
        "PYTHONPATH": os.path.join(RUNNER, "kernel_site"),
    })


class _Budget:
    """Caps what one cell's outputs may keep: long prints are cut, not accumulated in memory."""

    def __init__(self):
        self.total = 0
        self.cell_text = 0
        self.truncated = False

    def new_cell(self):
        self.cell_text = 0
        self.truncated = False

    def keep(self, out):
        if out.get("output_type") == "stream":
            room = max(0, min(TEXT_LIMIT - self.cell_text, TOTAL_LIMIT - self.total))
            text = out.get("text", "")
            if len(text) > room:
                out["text"] = text[:room]
                self.truncated = True
            self.cell_text += len(out["text"])
            self.total += len(out["text"])
            return bool(out["text"])
        size = len(json.dumps(out.get("data", {}), ensure_ascii=False)) if "data" in out else len(str(out))
        if size > IMAGE_LIMIT or self.total + size > TOTAL_LIMIT:
            self.truncated = True
            return False
        self.total += size
        return True


async def _run(channel):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    budget = _Budget()

    class Client(NotebookClient):
        last_reply = None

        async def _check_raise_for_error(self, cell, cell_index, exec_reply):
            self.last_reply = exec_reply
            return await super()._check_raise_for_error(cell, cell_index, exec_reply)

        def output(self, outs, msg, display_id, cell_index):
            out = super().output(outs, msg, display_id, cell_index)
            if out is not None and outs and outs[-1] is out:
                # Consecutive prints are merged, so the cap holds whatever the number of messages.
                if out.get("output_type") == "stream" and len(outs) > 1 and outs[-2].get("output_type") == "stream" \
                        and outs[-2].get("name") == out.get("name") and budget.cell_text < TEXT_LIMIT:
                    outs.pop()
                    if budget.keep(out):
                        outs[-1]["text"] += out["text"]
                elif not budget.keep(out):
                    outs.pop()
            return out

    client = Client(
        nbformat.v4.new_notebook(), timeout=10, kernel_name="python3", allow_errors=True, interrupt_on_timeout=True,
        shutdown_kernel="immediate", record_timing=False, iopub_timeout=2, startup_timeout=30,
        resources={"metadata": {"path": os.getcwd()}},
        extra_arguments=["--HistoryManager.enabled=False", "--IPKernelApp.log_level=ERROR"],
    )
    loop = asyncio.get_running_loop()
    kernel_started = time.monotonic()
    async with client.async_setup_kernel():
        kernel_ms = round((time.monotonic() - kernel_started) * 1000)
        client.nb = nbformat.v4.new_notebook()
        # The kernel's server for the tests' side, loaded before any learner's code runs.
        folder = tempfile.mkdtemp(prefix="tremplin-kernel-")
        os.chmod(folder, 0o755)
        path = os.path.join(folder, "socket")
        boot = nbformat.v4.new_code_cell(
            f"import sys as _s\n_s.path.insert(0, {RUNNER!r})\nimport tremplin_kernel as _k\n_s.path.remove({RUNNER!r})\n"
            f"_k.start({path!r}, get_ipython())\ndel _s, _k"
        )
        client.nb.cells = [boot]
        status, _error = await _execute(client, boot, 0, DeadKernelError, store_history=False)
        ready = status == "ok"
        while True:
            try:
                message = await loop.run_in_executor(None, wire.receive, channel)
            except (wire.ChannelClosed, wire.WireError, OSError):
                break
            op = message.get("op")
            if op == "hello":
                wire.send(channel, {"socket": path if ready else None, "kernel_ms": kernel_ms})
            elif op == "interrupt":
                try:
                    await client.km.interrupt_kernel()
                except Exception:
                    pass
            elif op == "cell" and type(message.get("source")) is str:
                timeout = message.get("timeout")
                client.timeout = timeout if type(timeout) is int and 0 < timeout <= 600 else 10
                client.error_on_timeout = {"ename": "Timeout", "evalue": f"{client.timeout}", "traceback": []}
                budget.new_cell()
                cell = nbformat.v4.new_code_cell(message["source"])
                client.nb.cells = [cell]
                status, error = await _execute(client, cell, 0, DeadKernelError)
                reply = {"status": status, "outputs": cell.get("outputs", []), "execution_count": cell.get("execution_count"),
                         "truncated": budget.truncated, **error}
                try:
                    wire.send(channel, reply)
                except wire.WireError:
                    wire.send(channel, {"status": status, "outputs": [], "execution_count": None, "truncated": True, **error})
                if status == "dead":
                    break
            else:
                break
        # Done: no graceful shutdown (up to seconds). The kernel is killed, and the sandbox's pid
        # namespace ends with this process anyway.
        try:
            client.km.provisioner.process.kill()
        except Exception:
            pass
        os._exit(0)


async def _execute(client, cell, index, dead_error, store_history=True):
    client.last_reply = None
    try:
        await client.async_execute_cell(cell, index, store_history=store_history)
    except dead_error:
        return "dead", {}
    content = (client.last_reply or {}).get("content", {})
    if content.get("status") != "error":
        return "ok", {}
    if content.get("ename") == "Timeout" and content.get("traceback") == []:
        # The interruption's KeyboardInterrupt is not the learner's error.
        cell.outputs = [o for o in cell.get("outputs", []) if o.get("output_type") != "error"]
        return "timeout", {}
    traceback = [ANSI.sub("", line) for line in content.get("traceback", [])][-6:]
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            output["traceback"] = [ANSI.sub("", line) for line in output.get("traceback", [])]
    return "error", {"ename": str(content.get("ename", ""))[:200], "evalue": str(content.get("evalue", ""))[:2000], "traceback": traceback}


if __name__ == "__main__":
    main()
