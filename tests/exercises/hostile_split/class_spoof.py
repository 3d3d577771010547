# Returns an object that claims to be an int (__class__ is a property returning int, so isinstance(obj,
# int) is True), is equal to anything, and converts (int(), index) to a wrong number.
class Spoof:
    __class__ = property(lambda self: int)

    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __hash__(self):
        return hash(self.value)

    def __int__(self):
        return self.value

    __index__ = __int__

    def __repr__(self):
        return repr(self.value)


def f(x):
    return Spoof(x + 1)
