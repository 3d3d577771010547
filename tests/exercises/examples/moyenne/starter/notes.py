def moyenne(notes):
    return sum(notes) / len(notes)
