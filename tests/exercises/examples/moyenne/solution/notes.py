def moyenne(notes):
    if not notes:
        return 0
    return sum(notes) / len(notes)
