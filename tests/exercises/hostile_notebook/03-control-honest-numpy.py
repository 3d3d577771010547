# Control: an honest answer computed with numpy (returns a numpy.float64), must pass.
import numpy as np


def moyenne(liste):
    return np.mean(np.array(liste, dtype=float))
