# Prints its arguments during each test call, by print, sys.__stdout__, os.write(1) and the kernel's saved output stream (the hidden call's output must not be shown).
import os
import sys

_cell_stdout = sys.stdout


def moyenne(liste):
    text = f"moyenne reçoit {liste!r}\n"
    print(text, end="")
    _cell_stdout.write(text)
    _cell_stdout.flush()
    sys.__stdout__.write(text)
    sys.__stdout__.flush()
    os.write(1, text.encode())
    return 15
