# Prints the caller lines moyenne found.
print("CALLER LINES:", "\n".join(CALLER_LINES[:200]))
total = 30
