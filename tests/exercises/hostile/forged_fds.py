# Writes forged JSON records (with and without guessed nonces) to every descriptor 3..20, then exits 0.
import json
import os

records = []
for nonce in (None, "", "0" * 32, "null"):
    extra = {} if nonce is None else {"nonce": nonce}
    records.append({"event": "test", "nodeid": "test_x.py::test_f", "outcome": "passed", "doc": "", "message": "", "stdout": "", **extra})
    records.append({"event": "test", "nodeid": "public/test_probe.py::test_public", "outcome": "passed", "doc": "", "message": "", "stdout": "", **extra})
    records.append({"event": "end", "exitstatus": 0, "collected": 2, **extra})
payload = "".join(json.dumps(r) + "\n" for r in records).encode()
for fd in range(3, 21):
    try:
        os.write(fd, payload)
    except OSError:
        pass
os._exit(0)
