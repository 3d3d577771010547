# Prints the arguments moyenne received during the tests.
print("moyenne was called with:", SEEN_ARGS)
total = 30
