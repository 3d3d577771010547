# Tries the Internet, DNS, the host's loopback listeners and a host abstract Unix socket.
# The test replaces the two placeholders below before grading.
import base64
import json
import socket

HOST_PORT = 0  # HOST_PORT placeholder
ABSTRACT_NAME = ""  # ABSTRACT_NAME placeholder
RESULT = {}


def attempt(name, action):
    try:
        action()
        RESULT[name] = "connected"
    except Exception as exc:  # noqa: BLE001 - the exception's name is the result
        RESULT[name] = type(exc).__name__


def abstract_unix():
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(2)
    sock.connect(chr(0) + ABSTRACT_NAME)


attempt("internet", lambda: socket.create_connection(("1.1.1.1", 80), timeout=2))
attempt("host_listener", lambda: socket.create_connection(("127.0.0.1", HOST_PORT), timeout=2))
attempt("django_8000", lambda: socket.create_connection(("127.0.0.1", 8000), timeout=2))
attempt("dns", lambda: socket.getaddrinfo("pypi.org", 443))
attempt("abstract_unix", abstract_unix)
RESULT["interfaces"] = [name for _, name in socket.if_nameindex()]


def f(x):
    return "RESULT<<" + base64.b64encode(json.dumps(RESULT).encode()).decode() + ">>"
