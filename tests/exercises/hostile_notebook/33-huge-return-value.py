# Returns huge values from moyenne: a 40 MB string, then a 2**25-bit integer (over the wire's size limit or slow to copy).
def moyenne(liste):
    if len(liste) == 2:
        return "1" * (40 * 1024 * 1024)
    return 2 ** (2 ** 25) + 3
