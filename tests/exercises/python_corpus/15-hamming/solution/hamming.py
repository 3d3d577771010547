def distance(brin_a, brin_b):
    if len(brin_a) != len(brin_b):
        raise ValueError("les brins doivent avoir la même longueur")
    return sum(a != b for a, b in zip(brin_a, brin_b))
