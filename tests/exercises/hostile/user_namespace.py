# Tries to create a user namespace (kernel attack surface; a seccomp filter would refuse it).
import base64
import ctypes
import json

CLONE_NEWUSER = 0x10000000
libc = ctypes.CDLL(None, use_errno=True)
code = libc.unshare(CLONE_NEWUSER)
RESULT = {"unshare": code, "errno": ctypes.get_errno() if code != 0 else 0}


def f(x):
    return "RESULT<<" + base64.b64encode(json.dumps(RESULT).encode()).decode() + ">>"
