# Stops tracing and prints what the tracers saw.
import sys
sys.settrace(None)
sys.setprofile(None)
print(len(TRACED), "code objects traced")
print("TRACED:", sorted(str(item) for item in TRACED if "assert" in str(item) or "test" in str(item).lower())[:300])
total = 30
