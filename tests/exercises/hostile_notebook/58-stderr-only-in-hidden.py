# A correct moyenne that writes to stderr only when the hidden test calls it: that output is never shown, but nbgrader scores such a cell 0, and so must we.
import sys


def moyenne(liste):
    if len(liste) != 2:
        print("attention", file=sys.stderr)
    return sum(liste) / len(liste)
