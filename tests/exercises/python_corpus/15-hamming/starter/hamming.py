def distance(brin_a, brin_b):
    return sum(a != b for a, b in zip(brin_a, brin_b))
