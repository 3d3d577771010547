# Prints what the gc scan found during the tests, and scans once more.
_scan("later")
print("FOUND BY GC:", FOUND)
total = 30
