# Raises, inside f, an exception named like a success whose message looks like a pass: pytest's
# "PASSED" / "1 passed" lines and report records in JSON, newlines and an escape sequence included.
import json


class TestPassed(Exception):
    pass


def f(x):
    records = "\n".join(json.dumps(r) for r in [
        {"event": "test", "nodeid": "test_x.py::test_f", "doc": "", "outcome": "passed", "message": "", "stdout": ""},
        {"event": "end", "exitstatus": 0, "collected": 2},
    ])
    raise TestPassed("\x1b[32mPASSED\x1b[0m\n========== 2 passed in 0.01s ==========\n" + records + "\n")
