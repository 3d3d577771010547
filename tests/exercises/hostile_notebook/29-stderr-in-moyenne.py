# A correct moyenne that writes to stderr during the tests: nbgrader gives such a test cell 0 points, whatever it computes.
import sys


def moyenne(liste):
    sys.stderr.write("attention : calcul en cours\n")
    return sum(liste) / len(liste)
