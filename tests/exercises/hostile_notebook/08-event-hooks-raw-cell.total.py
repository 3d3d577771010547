# Prints every raw cell the hooks saw (the test cells would be there if they ran in this kernel).
print("ALL RAW CELLS:", SEEN_CELLS)
total = 30
