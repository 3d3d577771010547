def moyenne(notes):
    """Renvoie la moyenne des notes, ou 0 si la liste est vide."""
    if len(notes) == 0:
        return 0
    return sum(notes) / len(notes)
