def regrouper(eleves):
    return {}


def bulletin(eleves):
    return {}


def transposer(matrice):
    return matrice


def en_octets(texte):
    return texte


def depuis_octets(octets):
    return str(octets)


def inverser_octets(octets):
    return octets
