# Returns a 100 000-deep nested list (public call) and a list that contains itself (hidden call), hoping to crash the copy to the tests.
def moyenne(liste):
    if len(liste) == 2:
        deep = [15]
        for _ in range(100_000):
            deep = [deep]
        return deep
    cycle = [3]
    cycle.append(cycle)
    return cycle
