def compter_lignes(chemin):
    with open(chemin, encoding="utf-8") as fichier:
        return sum(1 for _ in fichier)


def lire_notes(chemin):
    notes = {}
    with open(chemin, encoding="utf-8") as fichier:
        for ligne in fichier:
            ligne = ligne.strip()
            if not ligne:
                continue
            nom, note = ligne.split(";")
            notes[nom] = float(note)
    return notes


def mot_le_plus_long(chemin):
    with open(chemin, encoding="utf-8") as fichier:
        return max(fichier.read().split(), key=len)
