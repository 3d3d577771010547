# Tries to start 200 `sleep 5` and reports how many it managed (the limit is 64 per run).
import base64
import json
import subprocess

procs, error = [], ""
for _ in range(200):
    try:
        procs.append(subprocess.Popen(["sleep", "5"]))
    except OSError as exc:
        error = type(exc).__name__
        break
RESULT = {"started": len(procs), "error": error}


def f(x):
    return "RESULT<<" + base64.b64encode(json.dumps(RESULT).encode()).decode() + ">>"
