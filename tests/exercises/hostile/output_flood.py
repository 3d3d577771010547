# Prints without end at import time (during collection).
while True:
    print("x" * 10000)
