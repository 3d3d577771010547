SEUILS = [(16, "Très bien"), (14, "Bien"), (12, "Assez bien"), (10, "Passable")]


def mention(note):
    if not 0 <= note <= 20:
        raise ValueError(f"note hors de [0, 20] : {note}")
    for seuil, nom in SEUILS:
        if note >= seuil:
            return nom
    return "Insuffisant"
