# Tries to write outside /work and to rewrite or delete the tests; f is wrong on purpose.
import base64
import json
import os
import shutil

RESULT = {}


def attempt(name, action):
    try:
        action()
        RESULT[name] = "done"
    except Exception as exc:  # noqa: BLE001
        RESULT[name] = type(exc).__name__


def write(path, text="def test_f():\n    pass\n"):
    with open(path, "w") as fh:
        fh.write(text)


attempt("/work/ok", lambda: write("/work/ok"))
attempt("/usr/x", lambda: write("/usr/x"))
attempt("/tests/x", lambda: write("/tests/x"))
attempt("/sandbox/x", lambda: write("/sandbox/x"))
attempt("/x", lambda: write("/x"))
attempt("/etc/passwd", lambda: write("/etc/passwd", "root::0:0::/:/bin/sh\n"))
attempt("/sandbox/runner/tremplin_report.py", lambda: write("/sandbox/runner/tremplin_report.py"))
attempt("/sandbox/python/bin/x", lambda: write("/sandbox/python/bin/x"))
attempt("rewrite /tests/test_x.py", lambda: write("/tests/test_x.py"))
attempt("append /tests/test_x.py", lambda: open("/tests/test_x.py", "a").write("\n"))
attempt("delete /tests/test_x.py", lambda: os.remove("/tests/test_x.py"))
attempt("rename /tests/test_x.py", lambda: os.rename("/tests/test_x.py", "/tests/gone.py"))
attempt("delete /tests/public", lambda: shutil.rmtree("/tests/public"))
attempt("chmod /tests/test_x.py", lambda: os.chmod("/tests/test_x.py", 0))


def f(x):
    return "RESULT<<" + base64.b64encode(json.dumps(RESULT).encode()).decode() + ">>"
