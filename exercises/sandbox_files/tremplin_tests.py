"""The tests' side of a Python grading started ahead (sandbox.start_pair).

Imports pytest and the plugins while the worker is idle, then waits for its input on stdin: the
tests (written to its own /tests, which the learner's side never sees), the tests' data files
(written to /sandbox/learner-data, the learner's /tests), the learner's files (written to the shared
/work) and the pytest arguments. Then runs pytest in this process. Trusted code only: nothing of the
learner's runs here (see tremplin_proxy).
"""

import json
import os
import sys
from pathlib import Path, PurePosixPath

import pytest  # noqa: F401 - imported ahead, the point of starting early
import tremplin_proxy  # noqa: F401
import tremplin_report  # noqa: F401


def _write(root, files, mode):
    for name, content in files.items():
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise SystemExit(f"bad file name {name!r}")
        target = Path(root, *relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        target.chmod(mode)


def main():
    payload = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    os.umask(0o022)
    _write("/tests", payload["tests"], 0o644)
    _write("/sandbox/learner-data", payload["data"], 0o644)
    _write("/work", payload["files"], 0o644)
    os.chdir("/work")
    sys.argv = ["pytest", *payload["args"]]
    code = pytest.main(payload["args"])
    sys.stdout.flush()
    os._exit(int(code))


if __name__ == "__main__":
    main()
