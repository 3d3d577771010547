def moyenne(notes):
    """Renvoie la moyenne des notes, ou 0 si la liste est vide."""
    # Attention : ce code plante quand la liste est vide.
    return sum(notes) / len(notes)
