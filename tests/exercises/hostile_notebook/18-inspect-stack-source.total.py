# Prints the callers' sources that moyenne collected during the tests.
for _text in CALLER_SOURCES:
    if "assert" in _text:
        print("CALLER SOURCE WITH AN ASSERT:", _text)
print(len(CALLER_SOURCES), "caller frames seen")
total = 30
