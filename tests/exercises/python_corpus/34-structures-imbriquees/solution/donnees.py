def regrouper(eleves):
    classes = {}
    for eleve in eleves:
        classes.setdefault(eleve["classe"], []).append(eleve["nom"])
    return classes


def bulletin(eleves):
    resultat = {}
    for eleve in eleves:
        notes = eleve["notes"]
        resultat.setdefault(eleve["classe"], {})[eleve["nom"]] = sum(notes) / len(notes)
    return resultat


def transposer(matrice):
    return [list(ligne) for ligne in zip(*matrice)]


def en_octets(texte):
    return texte.encode("utf-8")


def depuis_octets(octets):
    return octets.decode("utf-8")


def inverser_octets(octets):
    return octets[::-1]
