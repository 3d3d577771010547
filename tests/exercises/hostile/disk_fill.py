# Writes files just under the 16 MiB file-size limit in /work, one after the other (then removes them).
import base64
import json
import os

CHUNK = 16 * 1024 * 1024 - 1
block = b"\x00" * CHUNK
written = 0
for index in range(6):
    try:
        with open(f"/work/fill-{index}.bin", "wb") as fh:
            fh.write(block)
        written += CHUNK
    except OSError:
        break
for index in range(6):
    try:
        os.remove(f"/work/fill-{index}.bin")
    except OSError:
        pass
RESULT = {"stored_mib": written // 2**20}


def f(x):
    return "RESULT<<" + base64.b64encode(json.dumps(RESULT).encode()).decode() + ">>"
