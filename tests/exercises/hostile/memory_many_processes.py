# Each process stays under the per-process address-space limit, but 8 of them together hold 1200 MiB.
import base64
import json
import os
import time

CHILDREN, MIB = 8, 150


def hold_memory():
    """MiB held by children alive at the same moment: each child keeps its block until the parent
    has counted (not for a fixed time, which a slow machine would turn into one after the other)."""
    read_end, write_end = os.pipe()
    release_read, release_write = os.pipe()
    pids = []
    for index in range(CHILDREN):
        pid = os.fork()
        if pid == 0:
            try:
                os.close(release_write)
                block = b"\x01" * (MIB * 1024 * 1024)  # really touched, not just reserved
                os.write(write_end, bytes([index]))
                os.read(release_read, 1)  # hold it until the parent has counted
                del block
            finally:
                os._exit(0)
        pids.append(pid)
    os.close(write_end)
    os.close(release_read)
    holding, deadline = set(), time.monotonic() + 4
    while len(holding) < CHILDREN and time.monotonic() < deadline:
        chunk = os.read(read_end, 64)
        if not chunk:
            break
        holding.update(chunk)
    time.sleep(0.2)  # a child the memory limit kills after it wrote is gone by now
    alive = {index for index, pid in enumerate(pids) if os.waitpid(pid, os.WNOHANG) == (0, 0)}
    os.close(release_write)
    for pid in pids:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    return len(holding & alive) * MIB


RESULT = {"held_at_once_mib": hold_memory()}


def f(x):
    return "RESULT<<" + base64.b64encode(json.dumps(RESULT).encode()).decode() + ">>"
