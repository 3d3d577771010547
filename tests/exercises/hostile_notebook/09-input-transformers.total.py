# Prints the lines the transformers saw (the test cells would be there if they ran in this kernel).
print("LINES SEEN BY THE TRANSFORMERS:", SEEN_LINES)
total = 30
