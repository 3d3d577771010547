"""Run a notebook with nbclient, kernel and client both inside the sandbox; report each cell.

    python notebook_runner.py --report-fd N --nonce-fd M [--input FILE]

The kernel starts first; then the runner reads its input, a JSON object
{"notebook": text, "files": {relative name: text}, "cell_timeout": seconds}, from FILE or its
standard input — which lets a worker start a sandbox and its kernel before the next notebook
arrives (nothing of any learner has run in it). The notebook is prepared by the platform: a test
cell's hidden tests are not in its source but in `metadata.tremplin.hidden`, run after the cell's
public part as a separate execution whose outputs are never kept (only whether it passed).
Records, one JSON object per line on the report descriptor, each with the nonce read before the
kernel starts:

    {"event": "start"}
    {"event": "cell", "index": i, "status": "ok|error|timeout|dead|skipped",
     "ename": ..., "evalue": ..., "traceback": [...], "hidden": "ok|error|timeout|dead|skipped"|null,
     "outputs": [...], "execution_count": n, "truncated": bool}
    {"event": "end", "kernel_ms": ..., "total_ms": ...}
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import sys
import time

TEXT_LIMIT = 20_000  # characters of text output kept per cell
IMAGE_LIMIT = 1024 * 1024  # bytes of one image (base64)
TOTAL_LIMIT = 5 * 1024 * 1024  # bytes of outputs kept for the whole notebook
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--report-fd", type=int, required=True)
    parser.add_argument("--nonce-fd", type=int, required=True)
    parser.add_argument("--input", help="read the input from this file rather than the standard input")
    args = parser.parse_args()
    nonce = os.read(args.nonce_fd, 128).decode()
    os.close(args.nonce_fd)
    report = os.fdopen(args.report_fd, "w", buffering=1, encoding="utf-8")
    os.set_inheritable(args.report_fd, False)
    # The kernel runs the learner's code under the same uid: it must not read this process's memory.
    try:
        import ctypes

        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 0
    except Exception:
        pass

    def emit(**record):
        record["nonce"] = nonce
        report.write(json.dumps(record, ensure_ascii=False) + "\n")
        report.flush()

    _prepare_environment()

    def read_input():
        if args.input:
            with open(args.input, encoding="utf-8") as handle:
                return json.load(handle)
        return json.loads(sys.stdin.buffer.read().decode("utf-8"))

    asyncio.run(_run(read_input, emit))


def _write_files(files):
    root = os.path.realpath(os.getcwd())
    for name, text in files.items():
        target = os.path.realpath(os.path.join(root, name))
        if not target.startswith(root + os.sep):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)


def _prepare_environment():
    # A fresh /tmp each run: matplotlib's font cache, built when the sandbox's environment was
    # installed, is copied there rather than rebuilt (seconds) at every run.
    for name in ("jupyter-runtime", "ipython"):
        os.makedirs(os.path.join("/tmp", name), exist_ok=True)
    cache = os.path.join(sys.prefix, "mplconfig")
    if os.path.isdir(cache):
        shutil.copytree(cache, "/tmp/matplotlib", dirs_exist_ok=True)
    os.environ.update({
        "JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime", "JUPYTER_PLATFORM_DIRS": "1", "IPYTHONDIR": "/tmp/ipython",
        "MPLCONFIGDIR": "/tmp/matplotlib", "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2",
        # The kernel inherits this environment: kernel_site shadows debugpy (see its __init__).
        "PYTHONPATH": os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernel_site"),
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


async def _run(read_input, emit):
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
    kernel_started = time.monotonic()
    stop_reason, stopped_at = None, None
    timeouts_in_a_row = 0
    async with client.async_setup_kernel():
        kernel_ms = round((time.monotonic() - kernel_started) * 1000)
        # The kernel is ready: now the input (it may have been waiting for it).
        payload = await asyncio.get_running_loop().run_in_executor(None, read_input)
        started = time.monotonic()
        emit(event="start")
        notebook = nbformat.v4.reads(payload["notebook"])  # no schema validation: the platform validated it
        client.nb = notebook
        cell_timeout = int(payload.get("cell_timeout", 10))
        client.timeout = cell_timeout
        client.error_on_timeout = {"ename": "Timeout", "evalue": f"{cell_timeout}", "traceback": []}
        _write_files(payload.get("files", {}))
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            hidden = (cell.get("metadata", {}).get("tremplin") or {}).get("hidden")
            if stop_reason:
                emit(event="cell", index=index, status="skipped", reason=stop_reason, at=stopped_at, hidden="skipped" if hidden else None,
                     outputs=[], execution_count=None, truncated=False)
                continue
            budget.new_cell()
            status, error = await _execute(client, cell, index, DeadKernelError)
            hidden_status = None
            if hidden is not None:
                if status == "ok":
                    probe = nbformat_cell(hidden)
                    hidden_status, _hidden_error = await _execute(client, probe, index, DeadKernelError, store_history=False)
                    if hidden_status == "dead":
                        status = "dead"
                    elif hidden_status == "timeout":
                        status = "timeout"
                else:
                    hidden_status = "skipped"
            timeouts_in_a_row = timeouts_in_a_row + 1 if status == "timeout" else 0
            if status == "dead":
                stop_reason, stopped_at = "dead", index
            elif timeouts_in_a_row >= 2:
                stop_reason, stopped_at = "timeout", index  # the interruption did not bring the kernel back
            emit(event="cell", index=index, status=status, hidden=hidden_status, outputs=cell.get("outputs", []),
                 execution_count=cell.get("execution_count"), truncated=budget.truncated, **error)
        emit(event="end", kernel_ms=kernel_ms, total_ms=round((time.monotonic() - started) * 1000))
        # Done: no graceful shutdown (up to seconds). The kernel is killed, and the sandbox's pid
        # namespace ends with this process anyway.
        try:
            client.km.provisioner.process.kill()
        except Exception:
            pass
        os._exit(0)


def nbformat_cell(source):
    from nbformat.v4 import new_code_cell

    return new_code_cell(source)


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
