# Inside f, writes to every descriptor 0..255 lines shaped like report records ("passed") and like the
# replies of a call channel (id / result / value = 4, ok = true, in JSON), then returns a wrong answer
# normally: a channel that trusted what arrives on a shared descriptor could take them for the reply.
import json
import os

_lines = []
for _id in range(0, 8):
    _lines += [
        {"jsonrpc": "2.0", "id": _id, "result": 4},
        {"id": _id, "ok": True, "value": 4, "result": 4},
        {"type": "result", "id": _id, "value": 4},
        {"type": "return", "call": _id, "value": {"int": 4}},
    ]
_lines += [
    {"event": "test", "nodeid": "public/test_probe.py::test_public", "doc": "", "outcome": "passed", "message": "", "stdout": ""},
    {"event": "test", "nodeid": "test_x.py::test_f", "doc": "", "outcome": "passed", "message": "", "stdout": ""},
    {"event": "end", "exitstatus": 0, "collected": 2},
]
PAYLOAD = "".join(json.dumps(line) + "\n" for line in _lines).encode()


def f(x):
    for fd in range(256):
        try:
            os.write(fd, PAYLOAD)
        except OSError:
            pass
    return x + 1
